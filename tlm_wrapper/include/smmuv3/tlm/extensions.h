// SPDX-License-Identifier: Apache-2.0
//
// Payload extensions of the SMMUv3 TLM-2.0 module.
//
// stream_extension: attached by a DMA master to its device traffic. It carries what a real
//   interconnect carries beside the address: StreamID, SubstreamID + SSV, SEC_SID and the
//   access's privileged / instruction attributes [IHI 0070 3.2, 3.3.2, 3.10.1], and
//   optionally the TBU it enters by (a model choice, not architecture).
// bus_attr_extension: the physical address space (NS, Secure, Realm, Root) of an access,
//   and optionally its memory type. Read on register accesses (which bank a CPU access
//   reaches; absent = Non-secure) and on device traffic (the incoming NS attribute, and with
//   attrs_valid the incoming memory type and shareability [IHI 0070 13.1]; without it the
//   SMMU takes the 13.1.3 defaults); written by the SMMU on everything it emits: translated
//   traffic, table walks, queue accesses and MSIs.
//
// ats_extension: marks a payload on an upstream socket as a PCIe ATS Translation Request
//   (not a memory access: nothing is forwarded); the SMMU fills in the completion
//   [IHI 0070 3.9.1]. A payload with translated = true (and no request) is translated traffic
//   (AT = Translated), checked against STE.EATS [3.9.1.3].
// page_request_extension: marks a payload on an upstream socket as a PCIe Page Request
//   message [IHI 0070 ch. 8] (nothing is forwarded).
// endpoint_msg_extension: carried by the payloads the SMMU sends to endpoints on its
//   endpoint_out socket, routed by StreamID: ATC invalidations [4.5.1] (the endpoint's
//   TLM_OK_RESPONSE on return is its acknowledgement) and PRG responses [4.5.2, 8].
// dvm_extension: carried by a payload on the dvm_socket: one DVM message a CPU model or the
//   interconnect delivers from a PE [IHI 0070 3.17]: a broadcast TLBI, or a DVM Sync (the
//   PE's DSB). The SMMU writes the core's status back into it.
//
// Ownership: the party that attaches an extension owns it. The SMMU attaches its
// bus_attr_extension to a forwarded upstream payload only for the duration of the forward
// and removes it before returning (a master never finds an SMMU-owned extension on its
// payload, with or without a memory manager). If the master's payload already carries a
// bus_attr_extension, the SMMU overwrites its fields for the forward and restores them.
// clone() / copy_from() are deep copies, so deep_copy_from() and payload pools work.
#ifndef SMMUV3_TLM_EXTENSIONS_H
#define SMMUV3_TLM_EXTENSIONS_H

#include <cstdint>

#include <tlm>

#include "smmuv3/smmuv3.h"

namespace smmuv3 {

// The deep copy every extension here needs (clone, copy_from), written once.
template <typename T> class copyable_extension : public tlm::tlm_extension<T>
{
public:
    tlm::tlm_extension_base *clone() const override { return new T(static_cast<const T &>(*this)); }
    void copy_from(const tlm::tlm_extension_base &other) override
    {
        static_cast<T &>(*this) = static_cast<const T &>(other);
    }
};

class stream_extension : public copyable_extension<stream_extension>
{
public:
    uint32_t sid = 0;                 // StreamID
    uint32_t ssid = 0;                // SubstreamID, meaningful when ssv
    bool ssv = false;                 // SubstreamID valid
    smmu_sec_sid sec = SMMU_SEC_NS;   // SEC_SID
    bool privileged = false;          // PnU = 1
    bool instruction = false;         // InD = 1 (reads only)
    // Appended (source-compatible): the TBU the transaction enters by, 0 .. smmu_config.tbus
    // - 1; -1 (the default) takes the upstream socket's TBU (smmu_tlm_config.tbu_map, else 0).
    // Docs: docs/exploration.md "Timing in the SystemC module".
    int tbu = -1;

    stream_extension() = default;
    explicit stream_extension(uint32_t stream_id, smmu_sec_sid sec_sid = SMMU_SEC_NS)
        : sid(stream_id), sec(sec_sid)
    {
    }
};

class bus_attr_extension : public copyable_extension<bus_attr_extension>
{
public:
    smmu_pa_space pas = SMMU_PAS_NS;  // physical address space
    bool attrs_valid = false;         // mair / sh below are meaningful
    uint8_t mair = 0;                 // memory type, MAIR Attr<n> encoding
    uint8_t sh = 0;                   // shareability: 0 NSH, 2 OSH, 3 ISH

    bus_attr_extension() = default;
    explicit bus_attr_extension(smmu_pa_space space) : pas(space) {}
};

class ats_extension : public copyable_extension<ats_extension>
{
public:
    bool request = true;              // a Translation Request (false: translated traffic)
    bool translated = false;          // AT = Translated (with request == false)
    smmu_ats_completion completion{}; // the SMMU's answer to a request
};

class page_request_extension : public copyable_extension<page_request_extension>
{
public:
    smmu_page_request request{};      // the payload's address is ignored: request.addr counts
};

class endpoint_msg_extension : public copyable_extension<endpoint_msg_extension>
{
public:
    enum kind_t { atc_inval, prg_response };
    kind_t kind = atc_inval;
    smmu_atc_inval inval{};           // kind == atc_inval
    smmu_pri_response response{};     // kind == prg_response
};

class dvm_extension : public copyable_extension<dvm_extension>
{
public:
    enum kind_t { tlbi, sync };
    kind_t kind = tlbi;
    smmu_tlbi op{};                   // kind == tlbi: the operation (smmuv3.h)
    smmu_status status = SMMU_OK;     // written by the SMMU: smmu_tlbi_broadcast's or
                                      // smmu_dvm_sync's result

    dvm_extension() = default;
    explicit dvm_extension(const smmu_tlbi &operation) : op(operation) {}
};

// The PA space of a payload: its bus_attr_extension's, or Non-secure when it has none.
smmu_pa_space pa_space_of(const tlm::tlm_generic_payload &trans);

// "Non-secure", "Secure", "Realm", "Root".
const char *pa_space_name(smmu_pa_space pas);

} // namespace smmuv3

#endif
