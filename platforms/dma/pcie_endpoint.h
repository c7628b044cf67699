// SPDX-License-Identifier: Apache-2.0
//
// smmuv3::platform::pcie_endpoint - a PCIe-like DMA endpoint with an Address Translation Cache
// (ATC) [PCIe ATS; IHI 0070 3.9]. Software (the platform's firmware thread) calls dma(): each
// access of one STU-sized page looks the page up in the ATC; on a miss the endpoint sends a
// Translation Request (a payload with an ats_extension, request = true) and caches the
// completion (keyed by PASID and input range, its size from the completion); a page the
// completion grants issues Translated traffic (ats_extension translated = true) to the
// translated address. Without ATS enabled (set_ats(false)), or after a UR/CA completion, the
// endpoint falls back to untranslated traffic, which the SMMU translates itself.
//
//   socket      initiator  Translation Requests and DMA traffic (bind to smmu_tlm::upstream)
//   msg_socket  target     messages from the SMMU (endpoint_msg_extension): an ATC
//                          invalidation drops the matching entries and is acknowledged by
//                          returning TLM_OK_RESPONSE [IHI 0070 4.5.1]; a PRG response
//                          [4.5.2] wakes the Page Request waiting for it
//
// PRI [IHI 0070 ch. 8; PCIe PRI]: with PRI enabled (set_pri(true)), a completion that grants
// no access for the access makes the endpoint send a Page Request (a page_request_extension
// payload on socket: its StreamID, PASID if any, the page, R/W, a PRG index, Last = 1) and
// wait for the PRG response (a prg_response message on msg_socket with that StreamID and PRG
// index). Success: the Translation Request is sent again (once per page and transfer);
// Invalid Request / Response Failure: the access fails. Without PRI the access fails at once.
#ifndef SMMUV3_PLATFORM_PCIE_ENDPOINT_H
#define SMMUV3_PLATFORM_PCIE_ENDPOINT_H

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/multi_passthrough_initiator_socket.h>
#include <tlm_utils/multi_passthrough_target_socket.h>
#include <tlm_utils/simple_initiator_socket.h>
#include <tlm_utils/simple_target_socket.h>

#include "smmuv3/tlm/extensions.h"

namespace smmuv3::platform {

class pcie_endpoint : public sc_core::sc_module
{
public:
    tlm_utils::simple_initiator_socket<pcie_endpoint> socket;
    tlm_utils::simple_target_socket<pcie_endpoint> msg_socket;

    // sid: the endpoint's StreamID (RequesterID); atc_entries: ATC capacity (LRU);
    // stu: the Smallest Translation Unit software programmed (4096 by default).
    pcie_endpoint(const sc_core::sc_module_name &name, uint32_t sid, unsigned atc_entries = 32,
                  uint64_t stu = 4096);
    const char *kind() const override { return "smmuv3::platform::pcie_endpoint"; }

    uint32_t sid() const { return m_sid; }
    unsigned atc_capacity() const { return m_capacity; }
    // The endpoint's ATS Enable (software sets it after the STE allows ATS [3.9.2]). Clearing
    // it empties the ATC.
    void set_ats(bool enable);
    bool ats_enabled() const { return m_ats; }
    // The endpoint's PRI Enable (software sets it when the SMMU has IDR0.PRI and the STE
    // allows ATS [IHI 0070 8]).
    void set_pri(bool enable) { m_pri = enable; }
    bool pri_enabled() const { return m_pri; }

    // One DMA transfer of len bytes at device address addr (split at STU boundaries), with
    // PASID pasid when ssv (and its privilege). Returns the TLM response of the first access
    // that failed, or TLM_OK_RESPONSE; *done (if not null) gets the bytes transferred before
    // it. Call from an SC_THREAD (it waits).
    tlm::tlm_response_status dma(tlm::tlm_command cmd, uint64_t addr, uint8_t *buf, unsigned len,
                                 bool ssv = false, uint32_t pasid = 0, bool priv = false,
                                 unsigned *done = nullptr);

    // The ATC [PCIe ATS 2.x]: one entry per completion.
    struct atc_entry {
        bool ssv = false;
        uint32_t pasid = 0;
        uint64_t in_base = 0, size = 0;   // the input range [in_base, in_base + size)
        uint64_t out_base = 0;            // its translated address
        bool r = false, w = false, x = false, priv = false, global = false;
        uint64_t used = 0;                // LRU stamp
    };
    const std::vector<atc_entry> &atc() const { return m_atc; }

    struct counters {
        uint64_t requests = 0, atc_hits = 0, atc_misses = 0, translated = 0, untranslated = 0;
        uint64_t invalidations = 0, entries_invalidated = 0, no_access = 0;
        uint64_t page_requests = 0, prg_responses = 0;
    };
    const counters &stats() const { return m_stats; }

    // Optional observer: one line per ATS event ("request 0x1000: success 4K -> 0x88000000 RW",
    // "atc invalidate ..."), for the platform's output.
    std::function<void(const std::string &)> on_note;

protected:
    // The completion for [addr, STU) granted no access for this access: with PRI, send a Page
    // Request, wait for its PRG response and return true (Success: retry the Translation
    // Request); false without PRI or for any other response code (the access fails).
    virtual bool page_request(uint64_t addr, bool write, bool ssv, uint32_t pasid, bool priv);

private:
    void msg_b_transport(tlm::tlm_generic_payload &t, sc_core::sc_time &delay);
    void prg_response(tlm::tlm_generic_payload &t, const smmu_pri_response &r);
    atc_entry *lookup(uint64_t addr, bool ssv, uint32_t pasid);
    bool translate_request(uint64_t page, bool write, bool ssv, uint32_t pasid, bool priv,
                           smmu_ats_completion *c);
    tlm::tlm_response_status access(tlm::tlm_command cmd, uint64_t addr, uint8_t *buf,
                                    unsigned len, bool translated, bool ssv, uint32_t pasid,
                                    bool priv);
    void note(const std::string &s);

    uint32_t m_sid;
    unsigned m_capacity;
    uint64_t m_stu;
    bool m_ats = false, m_pri = false;
    uint16_t m_next_prgi = 0;             // PRG index of the next Page Request (9 bits)
    bool m_prg_waiting = false;           // a Page Request waits for PRG index m_prg_wait_index
    uint16_t m_prg_wait_index = 0;
    smmu_pri_code m_prg_code = SMMU_PRI_SUCCESS;
    sc_core::sc_event m_prg_event;
    uint64_t m_clock = 0;
    std::vector<atc_entry> m_atc;
    counters m_stats;
};

// Routes the SMMU's endpoint_out messages to the endpoint of their StreamID. A message for a
// StreamID without an endpoint is answered TLM_OK_RESPONSE (nothing to invalidate).
class endpoint_router : public sc_core::sc_module
{
public:
    tlm_utils::simple_target_socket<endpoint_router> in;
    tlm_utils::multi_passthrough_initiator_socket<endpoint_router> out;

    explicit endpoint_router(const sc_core::sc_module_name &name);
    // Bind ep.msg_socket to out and route sid to it.
    void add(pcie_endpoint &ep);

private:
    void b_transport(tlm::tlm_generic_payload &t, sc_core::sc_time &delay);
    std::map<uint32_t, unsigned> m_route;   // StreamID -> out index
};

} // namespace smmuv3::platform

#endif
