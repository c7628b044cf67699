#include <gtest/gtest.h>

#include "fake_mem.h"
#include "smmuv3/smmuv3.h"

TEST(Api, CreateWithDefaultConfigSucceeds)
{
    smmu_config cfg;
    ASSERT_EQ(smmu_config_init(&cfg), SMMU_OK);
    struct fake_mem *m = fake_mem_create();
    smmu_env env = fake_mem_env(m);
    smmu_t *s = nullptr;
    ASSERT_EQ(smmu_create(&cfg, &env, &s), SMMU_OK);
    ASSERT_NE(s, nullptr);
    smmu_destroy(s);
    fake_mem_destroy(m);
}
