/* SPDX-License-Identifier: Apache-2.0 */
#include "driver.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Registers and structure layouts: the public <smmuv3/arch.h>. */
#include "smmuv3/arch.h"

#define POLL_LIMIT 1000

void drv_init(struct smmu_driver *d, smmu_t *smmu, struct fake_mem *mem, smmu_sec_sid bank)
{
    memset(d, 0, sizeof(*d));
    d->smmu = smmu;
    d->mem = mem;
    d->bank = bank;
    if (bank == SMMU_SEC_REALM) {
        /* Realm pages 0 and 1 at O_REALM [6.2.7] */
        uint64_t o_realm = SMMU_REALM_BASE(smmu_get_config(smmu)->ba_realm);
        d->pas = SMMU_PAS_REALM;
        d->page0 = o_realm;
        d->evtq_prod_off = o_realm + SMMU_PAGE1_OFFSET + SMMU_EVENTQ_PROD;
        d->evtq_cons_off = o_realm + SMMU_PAGE1_OFFSET + SMMU_EVENTQ_CONS;
    } else if (bank == SMMU_SEC_SECURE) {
        d->pas = SMMU_PAS_SECURE;
        d->page0 = 0x8000;
        d->evtq_prod_off = 0x80A8; /* S_EVENTQ_PROD/CONS are in page 0 */
        d->evtq_cons_off = 0x80AC;
    } else {
        d->pas = SMMU_PAS_NS;
        d->page0 = 0;
        d->evtq_prod_off = 0x100A8; /* page 1 */
        d->evtq_cons_off = 0x100AC;
    }
}

static void drv_check(smmu_status st, const char *what, uint64_t off)
{
    if (st != SMMU_OK) {
        fprintf(stderr, "driver: %s at 0x%llx failed: %s\n", what, (unsigned long long)off,
                smmu_strerror(st));
        abort();
    }
}

uint32_t drv_read32(struct smmu_driver *d, uint64_t off)
{
    uint64_t v = 0;
    drv_check(smmu_reg_read(d->smmu, d->page0 + off, 4, d->pas, &v), "read32", off);
    return (uint32_t)v;
}

uint64_t drv_read64(struct smmu_driver *d, uint64_t off)
{
    uint64_t v = 0;
    drv_check(smmu_reg_read(d->smmu, d->page0 + off, 8, d->pas, &v), "read64", off);
    return v;
}

void drv_write32(struct smmu_driver *d, uint64_t off, uint32_t v)
{
    drv_check(smmu_reg_write(d->smmu, d->page0 + off, 4, d->pas, v), "write32", off);
}

void drv_write64(struct smmu_driver *d, uint64_t off, uint64_t v)
{
    drv_check(smmu_reg_write(d->smmu, d->page0 + off, 8, d->pas, v), "write64", off);
}

static uint32_t drv_abs_read32(struct smmu_driver *d, uint64_t off)
{
    uint64_t v = 0;
    drv_check(smmu_reg_read(d->smmu, off, 4, d->pas, &v), "read32", off);
    return (uint32_t)v;
}

uint32_t drv_evtq_prod(struct smmu_driver *d) { return drv_abs_read32(d, d->evtq_prod_off); }
uint32_t drv_evtq_cons(struct smmu_driver *d) { return drv_abs_read32(d, d->evtq_cons_off); }

void drv_set_evtq_cons(struct smmu_driver *d, uint32_t v)
{
    drv_check(smmu_reg_write(d->smmu, d->evtq_cons_off, 4, d->pas, v), "write32",
              d->evtq_cons_off);
}

int drv_write_cr0(struct smmu_driver *d, uint32_t cr0)
{
    drv_write32(d, DRV_CR0, cr0);
    for (int i = 0; i < POLL_LIMIT; i++)
        if (drv_read32(d, DRV_CR0ACK) == cr0)
            return 0;
    return -1;
}

int drv_write_gbpa(struct smmu_driver *d, uint32_t gbpa)
{
    drv_write32(d, DRV_GBPA, gbpa | (1u << 31));
    for (int i = 0; i < POLL_LIMIT; i++)
        if (!(drv_read32(d, DRV_GBPA) & (1u << 31)))
            return 0;
    return -1;
}

int drv_write_irq_ctrl(struct smmu_driver *d, uint32_t irq_ctrl)
{
    drv_write32(d, DRV_IRQ_CTRL, irq_ctrl);
    for (int i = 0; i < POLL_LIMIT; i++)
        if (drv_read32(d, DRV_IRQ_CTRLACK) == irq_ctrl)
            return 0;
    return -1;
}

/* CR1: queues and tables inner write-back, inner shareable (as Linux programs it). */
#define DRV_CR1_WB_ISH 0xD75u /* TABLE_SH=3 OC=1 IC=1, QUEUE_SH=3 OC=1 IC=1 */

void drv_setup_cmdq(struct smmu_driver *d, uint64_t base, unsigned log2size)
{
    d->cmdq_base = base;
    d->cmdq_log2 = log2size;
    d->cmdq_prod = 0;
    drv_write32(d, DRV_CR1, DRV_CR1_WB_ISH);
    drv_write64(d, DRV_CMDQ_BASE, base | log2size);
    drv_write32(d, DRV_CMDQ_CONS, 0);
    drv_write32(d, DRV_CMDQ_PROD, 0);
}

void drv_setup_evtq(struct smmu_driver *d, uint64_t base, unsigned log2size)
{
    d->evtq_base = base;
    d->evtq_log2 = log2size;
    drv_write64(d, DRV_EVENTQ_BASE, base | log2size);
    drv_check(smmu_reg_write(d->smmu, d->evtq_prod_off, 4, d->pas, 0), "write32",
              d->evtq_prod_off);
    drv_set_evtq_cons(d, 0);
}

int drv_enable_queues(struct smmu_driver *d)
{
    return drv_write_cr0(d, drv_read32(d, DRV_CR0) | DRV_CR0_CMDQEN | DRV_CR0_EVENTQEN);
}

void drv_set_strtab(struct smmu_driver *d, uint64_t base, uint32_t base_cfg)
{
    drv_write64(d, DRV_STRTAB_BASE, base);
    drv_write32(d, DRV_STRTAB_BASE_CFG, base_cfg);
}

int drv_enable_smmu(struct smmu_driver *d)
{
    return drv_write_cr0(d, drv_read32(d, DRV_CR0) | DRV_CR0_SMMUEN);
}

int drv_submit(struct smmu_driver *d, const uint64_t cmd[2])
{
    unsigned qs = d->cmdq_log2;
    uint32_t wrap_mask = (uint32_t)((2ull << qs) - 1), idx_mask = (uint32_t)((1ull << qs) - 1);
    uint32_t cons = drv_read32(d, DRV_CMDQ_CONS) & wrap_mask;
    if (((d->cmdq_prod ^ cons) & wrap_mask) == (1u << qs))
        return -1; /* full */
    uint64_t pa = d->cmdq_base + (uint64_t)(d->cmdq_prod & idx_mask) * 16;
    fake_mem_wr64(d->mem, pa, d->pas, cmd[0]);
    fake_mem_wr64(d->mem, pa + 8, d->pas, cmd[1]);
    d->cmdq_prod = (d->cmdq_prod + 1) & wrap_mask;
    drv_write32(d, DRV_CMDQ_PROD, d->cmdq_prod);
    return 0;
}

unsigned drv_cmdq_error(struct smmu_driver *d)
{
    uint32_t active = drv_read32(d, DRV_GERROR) ^ drv_read32(d, DRV_GERRORN);
    if (!(active & DRV_GERROR_CMDQ_ERR))
        return 0;
    return (drv_read32(d, DRV_CMDQ_CONS) >> 24) & 0x7F;
}

int drv_sync(struct smmu_driver *d)
{
    uint64_t c[2];
    cmd_sync(c, 0, 0, 0, 0, 0);
    if (drv_submit(d, c))
        return -1;
    unsigned err = drv_cmdq_error(d);
    if (err)
        return (int)err;
    uint32_t wrap_mask = (uint32_t)((2ull << d->cmdq_log2) - 1);
    return (drv_read32(d, DRV_CMDQ_CONS) & wrap_mask) == d->cmdq_prod ? 0 : -1;
}

void drv_ack_gerror(struct smmu_driver *d)
{
    drv_write32(d, DRV_GERRORN, drv_read32(d, DRV_GERROR));
}

void drv_fix_and_resume(struct smmu_driver *d, const uint64_t *cmd)
{
    uint64_t sync[2];
    if (!cmd) {
        cmd_sync(sync, 0, 0, 0, 0, 0);
        cmd = sync;
    }
    uint32_t idx = drv_read32(d, DRV_CMDQ_CONS) & (uint32_t)((1ull << d->cmdq_log2) - 1);
    uint64_t pa = d->cmdq_base + (uint64_t)idx * 16;
    fake_mem_wr64(d->mem, pa, d->pas, cmd[0]);
    fake_mem_wr64(d->mem, pa + 8, d->pas, cmd[1]);
    uint32_t gerrorn = drv_read32(d, DRV_GERRORN);
    drv_write32(d, DRV_GERRORN, gerrorn ^ DRV_GERROR_CMDQ_ERR);
}

int drv_read_event(struct smmu_driver *d, uint64_t rec[4])
{
    unsigned qs = d->evtq_log2;
    uint32_t wrap_mask = (uint32_t)((2ull << qs) - 1), idx_mask = (uint32_t)((1ull << qs) - 1);
    uint32_t prod = drv_evtq_prod(d), cons = drv_evtq_cons(d);
    if (((prod ^ cons) & wrap_mask) == 0)
        return 0;
    uint64_t pa = d->evtq_base + (uint64_t)(cons & idx_mask) * 32;
    for (int i = 0; i < 4; i++)
        rec[i] = fake_mem_rd64(d->mem, pa + 8 * (uint64_t)i, d->pas);
    drv_set_evtq_cons(d, (cons & 0x80000000u) | ((cons + 1) & wrap_mask));
    return 1;
}

bool drv_evtq_overflow(struct smmu_driver *d)
{
    return ((drv_evtq_prod(d) ^ drv_evtq_cons(d)) & 0x80000000u) != 0;
}

void drv_evtq_ack_overflow(struct smmu_driver *d)
{
    uint32_t cons = drv_evtq_cons(d);
    drv_set_evtq_cons(d, (cons & 0x7FFFFFFFu) | (drv_evtq_prod(d) & 0x80000000u));
}

/* ---- command builders ---- */

void cmd_clear(uint64_t c[2], unsigned opcode)
{
    c[0] = c[1] = 0;
    smmu_cmd_set_Opcode(c, opcode);
}

void cmd_prefetch_config(uint64_t c[2], uint32_t sid, bool ssv, uint32_t ssid, bool ssec)
{
    cmd_clear(c, SMMU_CMD_PREFETCH_CONFIG);
    smmu_cmd_set_StreamID(c, sid);
    smmu_cmd_set_SSV(c, ssv);
    smmu_cmd_set_SubstreamID(c, ssid);
    smmu_cmd_set_SSec(c, ssec);
}

void cmd_atc_inv(uint64_t c[2], uint32_t sid, bool ssv, uint32_t ssid, bool global,
                 uint64_t addr, unsigned size)
{
    cmd_clear(c, SMMU_CMD_ATC_INV);
    smmu_cmd_set_StreamID(c, sid);
    smmu_cmd_set_SSV(c, ssv);
    smmu_cmd_set_SubstreamID(c, ssid);
    smmu_cmd_set_Global(c, global);
    smmu_cmd_set_Addr(c, addr >> 12);
    smmu_cmd_set_ATC_Size(c, size);
}

void cmd_cfgi_ste(uint64_t c[2], uint32_t sid, bool leaf, bool ssec)
{
    cmd_clear(c, SMMU_CMD_CFGI_STE);
    smmu_cmd_set_StreamID(c, sid);
    smmu_cmd_set_Leaf(c, leaf);
    smmu_cmd_set_SSec(c, ssec);
}

void cmd_cfgi_ste_range(uint64_t c[2], uint32_t sid, unsigned range, bool ssec)
{
    cmd_clear(c, SMMU_CMD_CFGI_STE_RANGE);
    smmu_cmd_set_StreamID(c, sid);
    smmu_cmd_set_Range(c, range);
    smmu_cmd_set_SSec(c, ssec);
}

void cmd_cfgi_all(uint64_t c[2], bool ssec)
{
    cmd_cfgi_ste_range(c, 0, SMMU_CMD_CFGI_RANGE_ALL, ssec);
}

void cmd_cfgi_cd(uint64_t c[2], uint32_t sid, uint32_t ssid, bool leaf, bool ssec)
{
    cmd_clear(c, SMMU_CMD_CFGI_CD);
    smmu_cmd_set_StreamID(c, sid);
    smmu_cmd_set_SubstreamID(c, ssid);
    smmu_cmd_set_Leaf(c, leaf);
    smmu_cmd_set_SSec(c, ssec);
}

void cmd_cfgi_cd_all(uint64_t c[2], uint32_t sid, bool ssec)
{
    cmd_clear(c, SMMU_CMD_CFGI_CD_ALL);
    smmu_cmd_set_StreamID(c, sid);
    smmu_cmd_set_SSec(c, ssec);
}

static void cmd_va(uint64_t c[2], unsigned op, uint64_t va, bool leaf)
{
    cmd_clear(c, op);
    smmu_cmd_set_Addr(c, va >> 12);
    smmu_cmd_set_Leaf(c, leaf);
}

void cmd_tlbi_nh_all(uint64_t c[2], uint16_t vmid)
{
    cmd_clear(c, SMMU_CMD_TLBI_NH_ALL);
    smmu_cmd_set_VMID(c, vmid);
}

void cmd_tlbi_nh_asid(uint64_t c[2], uint16_t vmid, uint16_t asid)
{
    cmd_clear(c, SMMU_CMD_TLBI_NH_ASID);
    smmu_cmd_set_VMID(c, vmid);
    smmu_cmd_set_ASID(c, asid);
}

void cmd_tlbi_nh_va(uint64_t c[2], uint16_t vmid, uint16_t asid, uint64_t va, bool leaf)
{
    cmd_va(c, SMMU_CMD_TLBI_NH_VA, va, leaf);
    smmu_cmd_set_VMID(c, vmid);
    smmu_cmd_set_ASID(c, asid);
}

void cmd_tlbi_nh_vaa(uint64_t c[2], uint16_t vmid, uint64_t va, bool leaf)
{
    cmd_va(c, SMMU_CMD_TLBI_NH_VAA, va, leaf);
    smmu_cmd_set_VMID(c, vmid);
}

void cmd_tlbi_el3_all(uint64_t c[2]) { cmd_clear(c, SMMU_CMD_TLBI_EL3_ALL); }

void cmd_tlbi_el3_va(uint64_t c[2], uint64_t va, bool leaf)
{
    cmd_va(c, SMMU_CMD_TLBI_EL3_VA, va, leaf);
}

void cmd_tlbi_el2_all(uint64_t c[2]) { cmd_clear(c, SMMU_CMD_TLBI_EL2_ALL); }

void cmd_tlbi_el2_asid(uint64_t c[2], uint16_t asid)
{
    cmd_clear(c, SMMU_CMD_TLBI_EL2_ASID);
    smmu_cmd_set_ASID(c, asid);
}

void cmd_tlbi_el2_va(uint64_t c[2], uint16_t asid, uint64_t va, bool leaf)
{
    cmd_va(c, SMMU_CMD_TLBI_EL2_VA, va, leaf);
    smmu_cmd_set_ASID(c, asid);
}

void cmd_tlbi_el2_vaa(uint64_t c[2], uint64_t va, bool leaf)
{
    cmd_va(c, SMMU_CMD_TLBI_EL2_VAA, va, leaf);
}

void cmd_tlbi_s12_vmall(uint64_t c[2], uint16_t vmid)
{
    cmd_clear(c, SMMU_CMD_TLBI_S12_VMALL);
    smmu_cmd_set_VMID(c, vmid);
}

void cmd_tlbi_s2_ipa(uint64_t c[2], uint16_t vmid, uint64_t ipa, bool leaf)
{
    cmd_clear(c, SMMU_CMD_TLBI_S2_IPA);
    smmu_cmd_set_VMID(c, vmid);
    smmu_cmd_set_IPA(c, ipa >> 12);
    smmu_cmd_set_Leaf(c, leaf);
}

void cmd_tlbi_nsnh_all(uint64_t c[2]) { cmd_clear(c, SMMU_CMD_TLBI_NSNH_ALL); }
void cmd_tlbi_s_el2_all(uint64_t c[2]) { cmd_clear(c, SMMU_CMD_TLBI_S_EL2_ALL); }

void cmd_tlbi_s_s12_vmall(uint64_t c[2], uint16_t vmid)
{
    cmd_clear(c, SMMU_CMD_TLBI_S_S12_VMALL);
    smmu_cmd_set_VMID(c, vmid);
}

void cmd_tlbi_s_s2_ipa(uint64_t c[2], uint16_t vmid, uint64_t ipa, bool leaf, bool ns)
{
    cmd_tlbi_s2_ipa(c, vmid, ipa, leaf);
    smmu_cmd_set_Opcode(c, SMMU_CMD_TLBI_S_S2_IPA);
    smmu_cmd_set_S2_NS(c, ns);
}

void cmd_tlbi_snh_all(uint64_t c[2]) { cmd_clear(c, SMMU_CMD_TLBI_SNH_ALL); }

void cmd_tlbi_range(uint64_t c[2], unsigned tg, unsigned num, unsigned scale, unsigned ttl)
{
    smmu_cmd_set_TG(c, tg);
    smmu_cmd_set_NUM(c, num);
    smmu_cmd_set_SCALE(c, scale);
    smmu_cmd_set_TTL(c, ttl);
}

void cmd_sync(uint64_t c[2], unsigned cs, uint64_t msi_addr, uint32_t msi_data, unsigned msh,
              unsigned msi_attr)
{
    cmd_clear(c, SMMU_CMD_SYNC);
    smmu_cmd_set_CS(c, cs);
    smmu_cmd_set_MSH(c, msh);
    smmu_cmd_set_MSIAttr(c, msi_attr);
    smmu_cmd_set_MSIData(c, msi_data);
    smmu_cmd_set_MSIAddr(c, msi_addr >> 2);
}
