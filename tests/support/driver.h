/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A small SMMUv3 driver for tests, written the way a real driver programs the SMMU
 * [IHI 0070 3.11]: register accesses through
 * smmu_reg_read/write in the interface's PA space, queues in fake_mem, CR0 updates polled on
 * CR0ACK. One struct smmu_driver drives one programming interface (Non-secure or Secure).
 *
 * Typical use:
 *     struct smmu_driver d;
 *     drv_init(&d, smmu, mem, SMMU_SEC_NS);
 *     drv_setup_cmdq(&d, 0x100000, 8);
 *     drv_setup_evtq(&d, 0x200000, 8);
 *     drv_enable(&d, CR0 bits...)          or drv_enable_queues(&d)
 *     uint64_t c[2]; cmd_cfgi_all(c, false); drv_submit(&d, c); drv_sync(&d);
 *
 * Command builders fill a 16-byte command (two host-order 64-bit words) from the field
 * tables of core/src/cmd_evt_layout.h; they set only what they are given, so tests can add
 * or corrupt fields afterwards with the cmd_set_* accessors.
 */
#ifndef SMMU_TEST_DRIVER_H
#define SMMU_TEST_DRIVER_H

#include <stdbool.h>
#include <stdint.h>

#include "fake_mem.h"
#include "smmuv3/smmuv3.h"

#ifdef __cplusplus
extern "C" {
#endif

struct smmu_driver {
    smmu_t *smmu;
    struct fake_mem *mem;
    smmu_sec_sid bank;     /* SMMU_SEC_NS, SMMU_SEC_SECURE or SMMU_SEC_REALM */
    smmu_pa_space pas;     /* PA space of its register accesses, queues and tables */
    uint64_t page0;        /* offset of the interface's page-0 registers: 0, 0x8000 or O_REALM */
    uint64_t evtq_prod_off, evtq_cons_off; /* page 1 (NS) or page 0 (Secure) */
    uint64_t cmdq_base;
    unsigned cmdq_log2;
    uint64_t evtq_base;
    unsigned evtq_log2;
    uint32_t cmdq_prod;    /* the driver's copy of CMDQ_PROD */
};

/* Register offsets of the Non-secure page 0 (the Secure bank is the same at +0x8000). */
#define DRV_IDR0 0x000
#define DRV_IDR1 0x004
#define DRV_IDR3 0x00C
#define DRV_IDR5 0x014
#define DRV_CR0 0x020
#define DRV_CR0ACK 0x024
#define DRV_CR1 0x028
#define DRV_CR2 0x02C
#define DRV_S_INIT 0x03C
#define DRV_GBPA 0x044
#define DRV_IRQ_CTRL 0x050
#define DRV_IRQ_CTRLACK 0x054
#define DRV_GERROR 0x060
#define DRV_GERRORN 0x064
#define DRV_GERROR_IRQ_CFG0 0x068
#define DRV_GERROR_IRQ_CFG1 0x070
#define DRV_GERROR_IRQ_CFG2 0x074
#define DRV_STRTAB_BASE 0x080
#define DRV_STRTAB_BASE_CFG 0x088
#define DRV_CMDQ_BASE 0x090
#define DRV_CMDQ_PROD 0x098
#define DRV_CMDQ_CONS 0x09C
#define DRV_EVENTQ_BASE 0x0A0
#define DRV_EVENTQ_IRQ_CFG0 0x0B0
#define DRV_EVENTQ_IRQ_CFG1 0x0B8
#define DRV_EVENTQ_IRQ_CFG2 0x0BC

/* CR0 bits [IHI 0070 6.3.9] */
#define DRV_CR0_SMMUEN (1u << 0)
#define DRV_CR0_EVENTQEN (1u << 2)
#define DRV_CR0_CMDQEN (1u << 3)
/* IRQ_CTRL bits */
#define DRV_IRQ_GERROR (1u << 0)
#define DRV_IRQ_EVENTQ (1u << 2)
/* GERROR bits */
#define DRV_GERROR_CMDQ_ERR (1u << 0)
#define DRV_GERROR_EVENTQ_ABT_ERR (1u << 2)
#define DRV_GERROR_MSI_CMDQ_ABT_ERR (1u << 4)
#define DRV_GERROR_MSI_EVENTQ_ABT_ERR (1u << 5)
#define DRV_GERROR_MSI_GERROR_ABT_ERR (1u << 7)

/* Bind d to interface `bank` of smmu. Register accesses use the bank's PA space. */
void drv_init(struct smmu_driver *d, smmu_t *smmu, struct fake_mem *mem, smmu_sec_sid bank);

/* Register access relative to the interface's page 0 (offsets above); abort() on a library
 * error, since a test driver never makes one unless told to. */
uint32_t drv_read32(struct smmu_driver *d, uint64_t off);
uint64_t drv_read64(struct smmu_driver *d, uint64_t off);
void drv_write32(struct smmu_driver *d, uint64_t off, uint32_t v);
void drv_write64(struct smmu_driver *d, uint64_t off, uint64_t v);
uint32_t drv_evtq_prod(struct smmu_driver *d);
uint32_t drv_evtq_cons(struct smmu_driver *d);
void drv_set_evtq_cons(struct smmu_driver *d, uint32_t v);

/* Write CR0 and poll CR0ACK until it matches (bounded). Returns 0, or -1 on timeout. */
int drv_write_cr0(struct smmu_driver *d, uint32_t cr0);
/* GBPA update: write with Update=1, poll Update=0. Returns 0 or -1. */
int drv_write_gbpa(struct smmu_driver *d, uint32_t gbpa);
/* IRQ_CTRL: write, poll IRQ_CTRLACK. Returns 0 or -1. */
int drv_write_irq_ctrl(struct smmu_driver *d, uint32_t irq_ctrl);

/* Queue set-up (queues disabled): BASE (with RA/WA = 0), then PROD = CONS = 0. CR1 gets
 * write-back inner-shareable queue and table attributes. */
void drv_setup_cmdq(struct smmu_driver *d, uint64_t base, unsigned log2size);
void drv_setup_evtq(struct smmu_driver *d, uint64_t base, unsigned log2size);
/* Set CMDQEN and EVENTQEN (keeping the other CR0 bits). Returns 0 or -1. */
int drv_enable_queues(struct smmu_driver *d);
/* STRTAB_BASE / STRTAB_BASE_CFG, then SMMUEN. */
void drv_set_strtab(struct smmu_driver *d, uint64_t base, uint32_t base_cfg);
int drv_enable_smmu(struct smmu_driver *d);

/* Write one command at the driver's PROD and publish PROD (the SMMU consumes at once).
 * Returns 0, or -1 if the queue is full. */
int drv_submit(struct smmu_driver *d, const uint64_t cmd[2]);
/* Submit a CMD_SYNC (SIG_NONE) and check that the queue consumed everything.
 * Returns 0, or the CMDQ_CONS.ERR code (CERROR_*) if CMDQ_ERR is active, or -1 if commands
 * remain unconsumed without an error (queue disabled). */
int drv_sync(struct smmu_driver *d);
/* CMDQ_CONS.ERR if GERROR.CMDQ_ERR is active, else 0. */
unsigned drv_cmdq_error(struct smmu_driver *d);
/* Acknowledge every active global error: GERRORN = GERROR. */
void drv_ack_gerror(struct smmu_driver *d);
/* After a command error: overwrite the faulting command in the queue with `cmd` (NULL: a
 * CMD_SYNC) and acknowledge CMDQ_ERR, so consumption resumes. */
void drv_fix_and_resume(struct smmu_driver *d, const uint64_t *cmd);

/* Pop one event record (four host-order words). Returns 1, or 0 if the queue is empty. */
int drv_read_event(struct smmu_driver *d, uint64_t rec[4]);
/* Is an event queue overflow active (PROD.OVFLG != CONS.OVACKFLG)? */
bool drv_evtq_overflow(struct smmu_driver *d);
/* Acknowledge it: CONS.OVACKFLG = PROD.OVFLG. */
void drv_evtq_ack_overflow(struct smmu_driver *d);

/* ---- command builders [IHI 0070 4] ---- */
void cmd_clear(uint64_t c[2], unsigned opcode);
void cmd_prefetch_config(uint64_t c[2], uint32_t sid, bool ssv, uint32_t ssid, bool ssec);
void cmd_cfgi_ste(uint64_t c[2], uint32_t sid, bool leaf, bool ssec);
void cmd_cfgi_ste_range(uint64_t c[2], uint32_t sid, unsigned range, bool ssec);
void cmd_cfgi_all(uint64_t c[2], bool ssec);
void cmd_cfgi_cd(uint64_t c[2], uint32_t sid, uint32_t ssid, bool leaf, bool ssec);
void cmd_cfgi_cd_all(uint64_t c[2], uint32_t sid, bool ssec);
void cmd_tlbi_nh_all(uint64_t c[2], uint16_t vmid);
void cmd_tlbi_nh_asid(uint64_t c[2], uint16_t vmid, uint16_t asid);
void cmd_tlbi_nh_va(uint64_t c[2], uint16_t vmid, uint16_t asid, uint64_t va, bool leaf);
void cmd_tlbi_nh_vaa(uint64_t c[2], uint16_t vmid, uint64_t va, bool leaf);
void cmd_tlbi_el3_all(uint64_t c[2]);
void cmd_tlbi_el3_va(uint64_t c[2], uint64_t va, bool leaf);
void cmd_tlbi_el2_all(uint64_t c[2]);
void cmd_tlbi_el2_asid(uint64_t c[2], uint16_t asid);
void cmd_tlbi_el2_va(uint64_t c[2], uint16_t asid, uint64_t va, bool leaf);
void cmd_tlbi_el2_vaa(uint64_t c[2], uint64_t va, bool leaf);
void cmd_tlbi_s12_vmall(uint64_t c[2], uint16_t vmid);
void cmd_tlbi_s2_ipa(uint64_t c[2], uint16_t vmid, uint64_t ipa, bool leaf);
void cmd_tlbi_nsnh_all(uint64_t c[2]);
void cmd_tlbi_s_el2_all(uint64_t c[2]);
void cmd_tlbi_s_s12_vmall(uint64_t c[2], uint16_t vmid);
void cmd_tlbi_s_s2_ipa(uint64_t c[2], uint16_t vmid, uint64_t ipa, bool leaf, bool ns);
void cmd_tlbi_snh_all(uint64_t c[2]);
/* Add range fields to an address-based TLBI: TG (1 4K, 2 16K, 3 64K), NUM, SCALE, TTL. */
void cmd_tlbi_range(uint64_t c[2], unsigned tg, unsigned num, unsigned scale, unsigned ttl);
/* CMD_ATC_INV [4.5.1]: StreamID, SubstreamID (with SSV), Global, Address[63:12], Size (the
 * span is 4096 << size bytes). */
void cmd_atc_inv(uint64_t c[2], uint32_t sid, bool ssv, uint32_t ssid, bool global,
                 uint64_t addr, unsigned size);
/* CMD_SYNC: CS 0 none, 1 SIG_IRQ, 2 SIG_SEV; MSI address/data, MSH, MSIAttr. */
void cmd_sync(uint64_t c[2], unsigned cs, uint64_t msi_addr, uint32_t msi_data, unsigned msh,
              unsigned msi_attr);

#ifdef __cplusplus
}
#endif

#endif
