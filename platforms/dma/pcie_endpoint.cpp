// SPDX-License-Identifier: Apache-2.0
#include "pcie_endpoint.h"

#include "device_access.h"

#include <algorithm>
#include <cstdio>

using namespace sc_core;

namespace smmuv3::platform {

pcie_endpoint::pcie_endpoint(const sc_module_name &name, uint32_t sid, unsigned atc_entries,
                             uint64_t stu)
    : sc_module(name), socket("socket"), msg_socket("msg_socket"), m_sid(sid),
      m_capacity(atc_entries ? atc_entries : 1), m_stu(stu ? stu : 4096)
{
    msg_socket.register_b_transport(this, &pcie_endpoint::msg_b_transport);
}

void pcie_endpoint::note(const std::string &s)
{
    if (on_note)
        on_note(std::string(name()) + ": " + s);
}

static std::string hex(uint64_t v)
{
    char b[24];
    std::snprintf(b, sizeof(b), "0x%llx", static_cast<unsigned long long>(v));
    return b;
}

static std::string size_text(uint64_t size)
{
    if (size == 0)
        return "2^64";
    static const char *const units[] = {"", "K", "M", "G", "T", "P"};
    unsigned u = 0;
    while (u < 5 && size >= 1024 && size % 1024 == 0)
        size /= 1024, u++;
    return std::to_string(size) + units[u];
}

void pcie_endpoint::set_ats(bool enable)
{
    m_ats = enable;
    if (!enable)
        m_atc.clear();
}

pcie_endpoint::atc_entry *pcie_endpoint::lookup(uint64_t addr, bool ssv, uint32_t pasid)
{
    for (atc_entry &e : m_atc)
        if (e.ssv == ssv && (!ssv || e.pasid == pasid) && addr - e.in_base < e.size)
            return &e;
    return nullptr;
}

// A Translation Request for the STU page at `page`; the completion is cached when it is a
// Success (also one granting nothing: the next access asks again only after an
// invalidation, as PCIe ATCs may cache such entries).
bool pcie_endpoint::translate_request(uint64_t page, bool write, bool ssv, uint32_t pasid,
                                      bool priv, smmu_ats_completion *c)
{
    tlm::tlm_generic_payload t;
    stream_extension st(m_sid);
    st.ssv = ssv;
    st.ssid = pasid;
    st.privileged = priv;
    ats_extension ats;
    ats.request = true;
    uint8_t none = 0;
    t.set_command(write ? tlm::TLM_WRITE_COMMAND : tlm::TLM_READ_COMMAND); // write: NW = 0
    t.set_address(page);
    t.set_data_ptr(&none);
    t.set_data_length(static_cast<unsigned>(m_stu));
    t.set_streaming_width(static_cast<unsigned>(m_stu));
    t.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
    t.set_extension(&st);
    t.set_extension(&ats);
    sc_time delay = SC_ZERO_TIME;
    socket->b_transport(t, delay);
    t.clear_extension(&st);
    t.clear_extension(&ats);
    wait(delay);
    m_stats.requests++;
    *c = ats.completion;
    if (!t.is_response_ok() || c->status != SMMU_ATS_SUCCESS) {
        note("translation request " + hex(page) + ": " +
             (c->status == SMMU_ATS_UR ? "UR" : c->status == SMMU_ATS_CA ? "CA" : "error"));
        return false;
    }
    note("translation request " + hex(page) + (write ? " (write)" : " (read)") + ": " +
         size_text(c->size) + " -> " + hex(c->addr) + " " + (c->r ? "R" : "-") +
         (c->w ? "W" : "-"));
    if (m_atc.size() >= m_capacity) {
        auto lru = std::min_element(m_atc.begin(), m_atc.end(),
                                    [](const atc_entry &a, const atc_entry &b) { return a.used < b.used; });
        m_atc.erase(lru);
    }
    atc_entry e;
    e.ssv = ssv;
    e.pasid = pasid;
    e.size = c->size ? c->size : m_stu;
    e.in_base = page & ~(e.size - 1);
    e.out_base = c->addr;
    e.r = c->r;
    e.w = c->w;
    e.x = c->x;
    e.priv = c->priv;
    e.global = c->global;
    e.used = ++m_clock;
    m_atc.push_back(e);
    return true;
}

tlm::tlm_response_status pcie_endpoint::access(tlm::tlm_command cmd, uint64_t addr, uint8_t *buf,
                                               unsigned len, bool translated, bool ssv,
                                               uint32_t pasid, bool priv)
{
    stream_extension st(m_sid);
    // Translated traffic has no PASID (IDR3.PASIDTT = 0) [IHI 0070 3.9.1.3]
    st.ssv = ssv && !translated;
    st.ssid = st.ssv ? pasid : 0;
    st.privileged = priv && !translated;
    ats_extension ats;
    ats.request = false;
    ats.translated = true;
    sc_time delay = SC_ZERO_TIME;
    tlm::tlm_response_status resp =
        device_access(socket, cmd, addr, buf, len, st, translated ? &ats : nullptr, delay);
    wait(delay);
    (translated ? m_stats.translated : m_stats.untranslated)++;
    return resp;
}

tlm::tlm_response_status pcie_endpoint::dma(tlm::tlm_command cmd, uint64_t addr, uint8_t *buf,
                                            unsigned len, bool ssv, uint32_t pasid, bool priv,
                                            unsigned *done_out)
{
    const bool write = cmd == tlm::TLM_WRITE_COMMAND;
    unsigned local = 0;
    unsigned &done = done_out ? *done_out : local;
    done = 0;
    uint64_t requested = ~uint64_t(0);   // the page a Page Request was answered for
    while (done < len) {
        const uint64_t a = addr + done;
        const unsigned n = static_cast<unsigned>(std::min<uint64_t>(len - done, m_stu - (a & (m_stu - 1))));
        tlm::tlm_response_status r;
        if (!m_ats) {
            r = access(cmd, a, buf + done, n, false, ssv, pasid, priv);
        } else {
            atc_entry *e = lookup(a, ssv, pasid);
            if (e && write && !e->w && e->r) {
                // cached read-only: ask again for write permission
                m_atc.erase(m_atc.begin() + (e - m_atc.data()));
                e = nullptr;
            }
            if (e) {
                m_stats.atc_hits++;
            } else {
                m_stats.atc_misses++;
                smmu_ats_completion c{};
                if (!translate_request(a & ~(m_stu - 1), write, ssv, pasid, priv, &c)) {
                    // UR / CA: ATS is not available for this access; use untranslated traffic
                    // (the SMMU translates it, and reports its faults)
                    r = access(cmd, a, buf + done, n, false, ssv, pasid, priv);
                    if (r != tlm::TLM_OK_RESPONSE)
                        return r;
                    done += n;
                    continue;
                }
                e = lookup(a, ssv, pasid);
            }
            e->used = ++m_clock;
            if (write ? !e->w : !e->r) {
                m_stats.no_access++;
                note("no access at " + hex(a) + " (the completion grants " +
                     (e->r ? "R" : "-") + (e->w ? "W" : "-") + ")");
                // The entry is dropped, so that a retry asks again
                m_atc.erase(m_atc.begin() + (e - m_atc.data()));
                // PRI: retry the Translation Request after a Success PRG response, once per page
                const uint64_t page = a & ~(m_stu - 1);
                if (page != requested && page_request(a, write, ssv, pasid, priv)) {
                    requested = page;
                    continue;
                }
                return tlm::TLM_ADDRESS_ERROR_RESPONSE;
            }
            r = access(cmd, e->out_base + (a - e->in_base), buf + done, n, true, ssv, pasid, priv);
        }
        if (r != tlm::TLM_OK_RESPONSE)
            return r;
        done += n;
    }
    return tlm::TLM_OK_RESPONSE;
}

static const char *pri_code_name(smmu_pri_code c)
{
    switch (c) {
    case SMMU_PRI_SUCCESS: return "Success";
    case SMMU_PRI_INVALID_REQUEST: return "Invalid Request";
    case SMMU_PRI_RESPONSE_FAILURE: return "Response Failure";
    }
    return "unknown";
}

// A Page Request message for one page, alone in its PRG (Last = 1) [IHI 0070 8; PCIe PRI],
// then a wait for the PRG response with its PRG index (msg_b_transport).
bool pcie_endpoint::page_request(uint64_t addr, bool write, bool ssv, uint32_t pasid, bool priv)
{
    if (!m_pri)
        return false;
    page_request_extension pr;
    pr.request.sid = m_sid;
    pr.request.ssv = ssv;
    pr.request.ssid = ssv ? pasid : 0;
    pr.request.addr = addr & ~(m_stu - 1);
    pr.request.read = !write;
    pr.request.write = write;
    pr.request.priv = ssv && priv;   // the PASID prefix carries the privilege
    pr.request.last = true;
    pr.request.prgi = m_next_prgi;
    m_next_prgi = (m_next_prgi + 1) & 0x1ff;
    uint8_t none = 0;
    tlm::tlm_generic_payload t;
    t.set_command(tlm::TLM_WRITE_COMMAND);
    t.set_address(pr.request.addr);
    t.set_data_ptr(&none);
    t.set_data_length(1);
    t.set_streaming_width(1);
    t.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
    t.set_extension(&pr);
    m_prg_waiting = true;
    m_prg_wait_index = pr.request.prgi;
    note("page request " + hex(pr.request.addr) + (write ? " W" : " R") + " PRG index " +
         std::to_string(pr.request.prgi) + (ssv ? " PASID " + std::to_string(pasid) : "") + ", Last");
    sc_time delay = SC_ZERO_TIME;
    socket->b_transport(t, delay);
    t.clear_extension(&pr);
    wait(delay);
    m_stats.page_requests++;
    if (!t.is_response_ok()) {
        m_prg_waiting = false;
        note("page request refused: " + t.get_response_string());
        return false;
    }
    // The response may have come during b_transport (an automatic response [8.2])
    if (m_prg_waiting)
        wait(m_prg_event);
    note("PRG response " + std::to_string(pr.request.prgi) + ": " + pri_code_name(m_prg_code));
    return m_prg_code == SMMU_PRI_SUCCESS;
}

// A PRG response [IHI 0070 4.5.2, 8]: wakes the Page Request of its PRG index. One for no
// outstanding PRG is an error response (the SMMU reports it).
void pcie_endpoint::prg_response(tlm::tlm_generic_payload &t, const smmu_pri_response &r)
{
    if (!m_prg_waiting || r.sid != m_sid || r.prgi != m_prg_wait_index) {
        note("PRG response " + std::to_string(r.prgi) + " matches no outstanding Page Request");
        t.set_response_status(tlm::TLM_GENERIC_ERROR_RESPONSE);
        return;
    }
    m_stats.prg_responses++;
    m_prg_code = r.code;
    m_prg_waiting = false;
    m_prg_event.notify(SC_ZERO_TIME);
    t.set_response_status(tlm::TLM_OK_RESPONSE);
}

// An ATC invalidation [IHI 0070 4.5.1]: drop every entry overlapping the span (of the PASID
// with ssv; with Global, the global entries of every PASID), then acknowledge.
void pcie_endpoint::msg_b_transport(tlm::tlm_generic_payload &t, sc_time &)
{
    const endpoint_msg_extension *m = t.get_extension<endpoint_msg_extension>();
    if (m && m->kind == endpoint_msg_extension::prg_response) {
        prg_response(t, m->response);
        return;
    }
    if (!m || m->kind != endpoint_msg_extension::atc_inval) {
        t.set_response_status(tlm::TLM_COMMAND_ERROR_RESPONSE);
        return;
    }
    const smmu_atc_inval &inv = m->inval;
    const uint64_t last = inv.size ? inv.addr + inv.size - 1 : ~uint64_t(0);
    const size_t before = m_atc.size();
    m_atc.erase(std::remove_if(m_atc.begin(), m_atc.end(),
                               [&](const atc_entry &e) {
                                   const bool pasid_match = inv.ssv
                                       ? (e.ssv && e.pasid == inv.ssid) || (inv.global && e.global)
                                       : !e.ssv;
                                   return pasid_match && e.in_base <= last &&
                                          inv.addr <= e.in_base + e.size - 1;
                               }),
                m_atc.end());
    m_stats.invalidations++;
    m_stats.entries_invalidated += before - m_atc.size();
    note("atc invalidate " + hex(inv.addr) + " size " + size_text(inv.size) + ": " +
         std::to_string(before - m_atc.size()) + " entr" + (before - m_atc.size() == 1 ? "y" : "ies") +
         " dropped");
    t.set_response_status(tlm::TLM_OK_RESPONSE);
}

endpoint_router::endpoint_router(const sc_module_name &name) : sc_module(name), in("in"), out("out")
{
    in.register_b_transport(this, &endpoint_router::b_transport);
}

void endpoint_router::add(pcie_endpoint &ep)
{
    m_route[ep.sid()] = static_cast<unsigned>(m_route.size());
    out.bind(ep.msg_socket);
}

void endpoint_router::b_transport(tlm::tlm_generic_payload &t, sc_time &delay)
{
    const endpoint_msg_extension *m = t.get_extension<endpoint_msg_extension>();
    const uint32_t sid = !m ? 0 : m->kind == endpoint_msg_extension::atc_inval ? m->inval.sid
                                                                                : m->response.sid;
    auto it = m_route.find(sid);
    if (!m || it == m_route.end()) {
        t.set_response_status(tlm::TLM_OK_RESPONSE); // no endpoint: nothing cached
        return;
    }
    out[static_cast<int>(it->second)]->b_transport(t, delay);
}

} // namespace smmuv3::platform
