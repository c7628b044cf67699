// SPDX-License-Identifier: Apache-2.0
//
// One access of a platform device (the DMA engine, the PCIe endpoint, the traffic generator):
// a payload for [addr, addr + len) carrying the device's stream_extension (and an ats_extension
// for translated traffic), sent with b_transport on the device's initiator socket, then the
// extensions removed again: they are the caller's (stack) objects, which a payload must not
// delete [IEEE 1666 14.5].
#ifndef SMMUV3_PLATFORM_DEVICE_ACCESS_H
#define SMMUV3_PLATFORM_DEVICE_ACCESS_H

#include <cstdint>

#include <systemc>
#include <tlm>

#include "smmuv3/tlm/extensions.h"

namespace smmuv3::platform {

// Returns the response; delay gets the time the access annotated (the caller waits for it).
template <typename Socket>
tlm::tlm_response_status device_access(Socket &socket, tlm::tlm_command cmd, uint64_t addr,
                                       uint8_t *buf, unsigned len, stream_extension &stream,
                                       ats_extension *ats, sc_core::sc_time &delay)
{
    tlm::tlm_generic_payload t;
    t.set_command(cmd);
    t.set_address(addr);
    t.set_data_ptr(buf);
    t.set_data_length(len);
    t.set_streaming_width(len);
    t.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
    t.set_extension(&stream);
    if (ats)
        t.set_extension(ats);
    socket->b_transport(t, delay);
    t.clear_extension(&stream);
    if (ats)
        t.clear_extension(ats);
    return t.get_response_status();
}

} // namespace smmuv3::platform

#endif
