/* SPDX-License-Identifier: Apache-2.0 */
/* Stream table lookup (linear and 2-level) and STE decoding and validation [IHI 0070 3.3, 5.2]. */
#ifndef SMMU_STRTAB_H
#define SMMU_STRTAB_H

#include <stdarg.h>

#include "config.h"
#include "evtq.h"
#include "smmu_internal.h"

/* Decode and validate a 64-byte STE (host-order words) read from ste_addr for `bank`.
 * Returns 0 with *out filled, or -1 with ev->type = SMMU_EVT_C_BAD_STE (and a diagnostic
 * logged naming the field and the rule: "STE 0x...: S2T0SZ 16 gives IAS 48 > OAS 44"). */
int ste_decode(struct smmu *s, unsigned bank, const uint64_t ste[8], uint64_t ste_addr,
               struct ste_cfg *out, struct smmu_event *ev);

/* Find, fetch, decode and validate the STE of `sid` in `bank`'s stream table.
 * Returns 0 with *out filled; or -1 with *ev describing the event (C_BAD_STREAMID, F_STE_FETCH
 * with FetchAddr, C_BAD_STE); ev->type = 0 means "abort without an event" (for example
 * C_BAD_STREAMID with CR2.RECINVSID = 0). *fetches is incremented per memory read. */
int strtab_lookup(struct smmu *s, unsigned bank, uint32_t sid, bool fill, struct ste_cfg *out,
                  struct smmu_event *ev, unsigned *fetches);

/* Set ev->type (C_BAD_STE / C_BAD_CD) and log why the structure `what` at addr is ILLEGAL:
 * "<what> 0x<addr> (SID n): <fmt...>: <event>". Returns -1. Shared by STE and CD decoding. */
int strtab_illegal_v(struct smmu *s, struct smmu_event *ev, unsigned type, const char *what,
                     uint64_t addr, const char *fmt, va_list ap);

/* VMSAv8-64 configuration rules shared by STE and CD decoding (defined in strtab.c). */
bool strtab_addr_fits(uint64_t addr, unsigned bits);
unsigned strtab_stall_model(const struct smmu *s, unsigned bank);
unsigned strtab_granule_shift(const struct smmu *s, unsigned tg);
unsigned strtab_txsz_max(const struct smmu *s, unsigned granule_shift);
int strtab_vmsa_start_level(unsigned ia_bits, unsigned granule_shift);
uint64_t strtab_vmsa_ttb(uint64_t ttb, unsigned ia_bits, unsigned granule_shift, int level,
                         unsigned oa_bits);

#endif
