// <smmuv3/arch.h> through its public names only: register offsets and fields, the structure
// accessors and name tables, the queue arithmetic, each checked against the specification.
#include <gtest/gtest.h>

#include <cstring>

#include "smmuv3/arch.h"

namespace {

const smmu_field_desc *find(const smmu_field_desc *t, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (std::strcmp(t[i].name, name) == 0)
            return &t[i];
    return nullptr;
}

} // namespace

// [IHI 0070 6.2]: SMMU_CR0 at 0x20, SMMU_EVENTQ_PROD at 0x100A8 (page 1), the Secure bank at
// 0x8000; ROOT_CR0 at 0x20 of the Root page.
TEST(Arch, RegisterOffsetsAreThoseOfTheRegisterMap)
{
    EXPECT_EQ(SMMU_CR0, 0x20);
    EXPECT_EQ(SMMU_PAGE1_OFFSET + SMMU_EVENTQ_PROD, 0x100A8);
    EXPECT_EQ(SMMU_S_BANK_OFFSET + SMMU_CR0, 0x8020);
    EXPECT_EQ(SMMU_ROOT_CR0, 0x20);
    EXPECT_EQ(SMMU_REALM_BASE(1), 0x30000u); // O_REALM = 0x20000 + BA_REALM * 64 KB
}

// [6.3.9] CR0.CMDQEN is bit 3; [6.3.1] IDR0.ST_LEVEL is [28:27].
TEST(Arch, FieldMasksReadAndWriteTheirBits)
{
    EXPECT_EQ(SMMU_CR0_CMDQEN, UINT64_C(0x8));
    EXPECT_EQ(SMMU_FIELD_PREP(SMMU_IDR0_ST_LEVEL, 1), UINT64_C(1) << 27);
    EXPECT_EQ(SMMU_FIELD_GET(SMMU_IDR0_ST_LEVEL, UINT64_C(3) << 27), 3u);
    EXPECT_EQ(SMMU_GENMASK(55, 6), UINT64_C(0x00FFFFFFFFFFFFC0));
}

// [5.2] STE.S2VMID is [143:128]: word 2, bits [15:0]. [5.4] CD.ASID is [63:48].
TEST(Arch, StructureAccessorsUseTheSpecificationsBitNumbers)
{
    uint64_t ste[SMMU_STE_DWORDS] = {};
    smmu_ste_set_S2VMID(ste, 0xABCD);
    EXPECT_EQ(ste[2], UINT64_C(0xABCD));
    EXPECT_EQ(smmu_ste_S2VMID(ste), 0xABCDu);
    smmu_ste_set_S2VMID(ste, 0x1FFFF); // truncated to the field's 16 bits
    EXPECT_EQ(ste[2], UINT64_C(0xFFFF));
    uint64_t cd[SMMU_CD_DWORDS] = {};
    smmu_cd_set_ASID(cd, 0x1234);
    EXPECT_EQ(cd[0], UINT64_C(0x1234) << 48);
    uint64_t cmd[SMMU_CMD_DWORDS] = {};
    smmu_cmd_set_Opcode(cmd, SMMU_CMD_SYNC);
    EXPECT_EQ(cmd[0], UINT64_C(0x46)); // [4.1.1] CMD_SYNC is 0x46
}

// The name tables list each field with the [hi:lo] of its X-list entry, in list order.
TEST(Arch, NameTablesListEveryFieldWithItsBits)
{
#define COUNT(name, hi, lo) +1
    EXPECT_EQ(smmu_ste_field_count, 0 SMMU_STE_FIELDS(COUNT));
    EXPECT_EQ(smmu_evt_field_count, 0 SMMU_EVT_FIELDS(COUNT));
    EXPECT_EQ(smmu_desc_s1_leaf_field_count, 0 SMMU_DESC_S1_LEAF_FIELDS(COUNT));
#undef COUNT
    const smmu_field_desc *f = find(smmu_ste_field_table, smmu_ste_field_count, "S1ContextPtr");
    ASSERT_NE(f, nullptr);
    EXPECT_EQ(f->hi, 55);
    EXPECT_EQ(f->lo, 6);
    f = find(smmu_desc_s1_leaf_field_table, smmu_desc_s1_leaf_field_count, "AF");
    ASSERT_NE(f, nullptr);
    EXPECT_EQ(f->hi, 10); // [Arm ARM D8.3.2] the Access Flag is bit 10
    EXPECT_EQ(f->lo, 10);
}

// [3.5] A queue of 2^qs entries: full when the indexes are equal and the wrap bits differ.
TEST(Arch, QueueArithmeticUsesTheWrapBit)
{
    EXPECT_TRUE(smmu_queue_empty(0x5, 0x5, 4));
    EXPECT_TRUE(smmu_queue_full(0x15, 0x05, 4));
    EXPECT_FALSE(smmu_queue_full(0x14, 0x05, 4));
    EXPECT_EQ(smmu_queue_inc(0x1F, 4), 0x00u); // index 15 with wrap 1 -> index 0, wrap 0
    EXPECT_EQ(smmu_queue_log2size(SMMU_FIELD_PREP(SMMU_Q_BASE_LOG2SIZE, 19), 8), 8u); // capped
}
