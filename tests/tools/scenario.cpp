#include "scenario.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <sys/wait.h>
#include <unistd.h>

extern "C" {
#include "driver.h"
#include "pgtable.h"
#include "ste_cd.h"
}

namespace scn {

static void must(bool ok, const char *what)
{
    if (!ok) {
        std::fprintf(stderr, "scenario: %s failed\n", what);
        std::abort();
    }
}

Scenario::Scenario()
{
    mem = fake_mem_create();
    smmu_config cfg;
    smmu_config_init(&cfg);
    smmu_env env = fake_mem_env(mem);
    must(smmu_create(&cfg, &env, &smmu) == SMMU_OK, "smmu_create");
    smmu_driver d;
    drv_init(&d, smmu, mem, SMMU_SEC_NS);
    drv_setup_cmdq(&d, kCmdq, kQs);
    drv_setup_evtq(&d, kEvtq, kQs);
    must(drv_enable_queues(&d) == 0, "queues");
    st_builder st;
    st_init_linear(&st, mem, SMMU_PAS_NS, kStrtab, 4);
    drv_set_strtab(&d, st_base_reg(&st), st_base_cfg_reg(&st));

    // Stream 1: stage 1, 4K granule, 48-bit VA.
    pgt pt;
    pgt_params p = pgt_default_params(1, 12, 48);
    p.pool_base = kS1Pool;
    p.pool_size = kPoolSize;
    must(pgt_init(&pt, mem, &p) == 0, "pgt_init s1");
    must(pgt_map(&pt, kVa, kPa, 0x1000, PGT_S1_RW) == 0, "map s1");
    uint64_t cd[8], ste[8];
    cd_make(cd, pt.root, 12, 48, 48, 5, 0x00000000AA4404FFull);
    cd_builder cb;
    cd_init(&cb, mem, SMMU_PAS_NS, kCd1, 0, 0, 0);
    cd_write(&cb, 0, cd);
    ste_make_s1(ste, kCd1, 0, 0);
    st_write_ste(&st, kSidS1, ste);

    // Stream 2: nested. Stage 2 (4K, 40-bit IPA) maps the low 32 MB identically (so the CD
    // and stage-1 tables are at IPA = PA) and IPA kIpaN to kPaN.
    pgt p2;
    pgt_params q = pgt_default_params(2, 12, 40);
    q.pool_base = kS2Pool;
    q.pool_size = kPoolSize;
    must(pgt_init(&p2, mem, &q) == 0, "pgt_init s2");
    must(pgt_map(&p2, 0, 0, 0x2000000, PGT_S2_RW) == 0, "map s2 identity");
    must(pgt_map(&p2, kIpaN, kPaN, 0x1000, PGT_S2_RW) == 0, "map s2");
    pgt pn;
    pgt_params pn_p = pgt_default_params(1, 12, 48);
    pn_p.pool_base = kS1Pool2;
    pn_p.pool_size = kPoolSize;
    must(pgt_init(&pn, mem, &pn_p) == 0, "pgt_init nested s1");
    must(pgt_map(&pn, kVaN, kIpaN, 0x1000, PGT_S1_RW) == 0, "map nested s1");
    cd_make(cd, pn.root, 12, 48, 40, 6, 0x00000000AA4404FFull);
    cd_builder cb2;
    cd_init(&cb2, mem, SMMU_PAS_NS, kCd2, 0, 0, 0);
    cd_write(&cb2, 0, cd);
    ste_make_s1(ste, kCd2, 0, 0);
    ste_s2_params s2{};
    s2.ttb = p2.root;
    s2.granule_shift = 12;
    s2.ia_bits = 40;
    s2.start_level = p2.start_level;
    s2.ps_bits = 48;
    s2.vmid = 3;
    ste_set_s2(ste, &s2);
    st_write_ste(&st, kSidNested, ste);
    // Stream 3 stays invalid (V=0): C_BAD_STE.

    must(drv_enable_smmu(&d) == 0, "SMMUEN");
}

Scenario::~Scenario()
{
    smmu_destroy(smmu);
    fake_mem_destroy(mem);
}

std::vector<smmuv3::tools::mem_region> Scenario::regions() const
{
    struct {
        uint64_t base, size;
    } const r[] = {{kEvtq, 32u << kQs}, {kCmdq, 16u << kQs}, {kStrtab, 64u << 4},
                   {kCd1, 0x2000}, {kS1Pool, kPoolSize}, {kS1Pool2, kPoolSize},
                   {kS2Pool, kPoolSize}};
    std::vector<smmuv3::tools::mem_region> out;
    for (const auto &x : r) {
        smmuv3::tools::mem_region m{SMMU_PAS_NS, x.base, std::vector<uint8_t>(x.size)};
        for (uint64_t off = 0; off < x.size; off += 8)
            fake_mem_read(mem, x.base + off, SMMU_PAS_NS, m.bytes.data() + off, 8);
        out.push_back(std::move(m));
    }
    return out;
}

smmu_result translate_on(smmu_t *s, uint32_t sid, uint64_t addr, bool write, uint32_t flags)
{
    smmu_txn t{};
    t.sid = sid;
    t.sec = SMMU_SEC_NS;
    t.addr = addr;
    t.size = 4;
    t.access = write ? SMMU_ACCESS_WRITE : SMMU_ACCESS_READ;
    t.flags = flags;
    smmu_result r{};
    EXPECT_EQ(SMMU_OK, smmu_translate(s, &t, &r));
    return r;
}

smmu_result Scenario::translate(uint32_t sid, uint64_t addr, bool write, uint32_t flags)
{
    return translate_on(smmu, sid, addr, write, flags);
}

int run(const std::string &cmd, std::string *out)
{
    out->clear();
    FILE *p = popen((cmd + " 2>&1").c_str(), "r");
    if (!p)
        return -1;
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof(buf), p)) > 0)
        out->append(buf, n);
    int st = pclose(p);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

std::string temp_path(const std::string &name)
{
    const char *dir = std::getenv("TMPDIR");
    return std::string(dir ? dir : "/tmp") + "/smmu_tools_" + std::to_string(getpid()) + "_" +
           name;
}

} // namespace scn
