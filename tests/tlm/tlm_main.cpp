// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "tlm_support.h"

// SystemC's library provides main(): it calls this, which runs the selected tests.
int sc_main(int argc, char **argv)
{
    ::testing::InitGoogleTest(&argc, argv);
    smmu_test::install_report_handler();
    return RUN_ALL_TESTS();
}
