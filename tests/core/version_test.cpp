// The version in the C API: the macros of <smmuv3/version.h>, generated from the CMake project
// version, and smmu_version(), the version of the library linked.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "smmuv3/smmuv3.h"

TEST(Version, MacrosAreTheCMakeProjectVersion)
{
    EXPECT_STREQ(SMMU_VERSION_STRING, SMMU_TEST_PROJECT_VERSION);
    char text[32];
    std::snprintf(text, sizeof text, "%d.%d.%d", SMMU_VERSION_MAJOR, SMMU_VERSION_MINOR,
                  SMMU_VERSION_PATCH);
    EXPECT_STREQ(text, SMMU_TEST_PROJECT_VERSION);
}

TEST(Version, PackedNumberIsMajorMinorPatchInBytes)
{
    EXPECT_EQ(SMMU_VERSION,
              (SMMU_VERSION_MAJOR << 16) | (SMMU_VERSION_MINOR << 8) | SMMU_VERSION_PATCH);
    static_assert(SMMU_VERSION >= 0x010000, "the first release with a version is 1.0.0");
}

TEST(Version, LibraryReportsTheVersionOfItsHeaders)
{
    ASSERT_NE(smmu_version(), nullptr);
    EXPECT_STREQ(smmu_version(), SMMU_VERSION_STRING);
}
