// SPDX-License-Identifier: Apache-2.0
// Wired interrupt outputs (a pulse per assertion, raised then cleared) and MSIs (writes on the
// walk socket with their PA space).
#include <gtest/gtest.h>

#include "tlm_support.h"

using namespace smmu_test;
using smmuv3::stream_extension;
using sc_core::sc_time;
using sc_core::SC_NS;

namespace {

struct edge {
    sc_time time;
    bool level;
};

// Records every change of sig (a method process spawned before the simulation starts).
std::shared_ptr<std::vector<edge>> watch(sc_core::sc_signal<bool> &sig)
{
    auto edges = std::make_shared<std::vector<edge>>();
    sc_core::sc_spawn_options o;
    o.spawn_method();
    o.set_sensitivity(&sig.value_changed_event());
    o.dont_initialize();
    sc_core::sc_spawn([edges, &sig] { edges->push_back({sc_core::sc_time_stamp(), sig.read()}); },
                      sc_core::sc_gen_unique_name("watch"), &o);
    return edges;
}

// The levels a signal went through, in order (from watch()).
std::vector<bool> levels(const std::vector<edge> &edges)
{
    std::vector<bool> v;
    for (const edge &e : edges)
        v.push_back(e.level);
    return v;
}

// One pulse: raised, then cleared.
const std::vector<bool> k_pulse{true, false};

// Inside run(): `bank` set up, with the interrupts in irqen (DRV_IRQ_*) enabled in its
// IRQ_CTRL.
void enable_irqs(platform &p, smmu_sec_sid bank, uint32_t irqen)
{
    p.setup(bank);
    ASSERT_EQ(drv_write_irq_ctrl(&p.drv(bank), irqen), 0);
}

// A stream whose accesses outside one page fault.
void faulting_stream(platform &p, smmu_sec_sid bank)
{
    p.s1_stream(bank, 1, {{0x40000000, 0x800000, 0x1000}});
    p.enable(bank);
}

void fault(platform &p, smmu_sec_sid sec)
{
    p.master(0).stream = stream_extension(1, sec);
    tlm::tlm_response_status st;
    p.master(0).read32(0x40009000, &st);
    EXPECT_EQ(st, tlm::TLM_ADDRESS_ERROR_RESPONSE);
}

} // namespace

// IHI 0070 3.18.1, 6.3.21 (IRQ_CTRL.EVENTQ_IRQEN): an event makes the event queue interrupt
// pulse: high, then low again after the configured pulse width.
TEST(Irq, EventQueueInterruptIsRaisedAndCleared)
{
    platform p;
    auto edges = watch(p.irq_signal(SMMU_SEC_NS, SMMU_IRQ_EVENTQ));
    p.run([&] {
        enable_irqs(p, SMMU_SEC_NS, DRV_IRQ_EVENTQ);
        faulting_stream(p, SMMU_SEC_NS);
        const sc_time t0 = sc_core::sc_time_stamp();
        fault(p, SMMU_SEC_NS);
        wait(10, SC_NS);
        ASSERT_EQ(levels(*edges), k_pulse);
        EXPECT_GE((*edges)[0].time, t0);
        EXPECT_EQ((*edges)[1].time - (*edges)[0].time, p.smmu.config().irq_pulse);
        EXPECT_FALSE(p.irq_signal(SMMU_SEC_NS, SMMU_IRQ_EVENTQ).read());
    });
}

// IHI 0070 4.7.3 (CMD_SYNC CS=SIG_IRQ): completion pulses the CMD_SYNC interrupt.
TEST(Irq, CmdSyncSigIrqPulsesTheCmdSyncLine)
{
    platform p;
    auto edges = watch(p.irq_signal(SMMU_SEC_NS, SMMU_IRQ_CMD_SYNC));
    p.run([&] {
        p.setup(SMMU_SEC_NS);
        uint64_t c[2];
        cmd_sync(c, 1, 0, 0, 0, 0);
        ASSERT_EQ(drv_submit(&p.ns, c), 0);
        wait(10, SC_NS);
        ASSERT_EQ(levels(*edges), k_pulse);
    });
}

// IHI 0070 7.1, 7.5: an illegal command activates GERROR.CMDQ_ERR and pulses the GERROR
// interrupt (IRQ_CTRL.GERROR_IRQEN).
TEST(Irq, CommandErrorPulsesTheGerrorLine)
{
    platform p;
    auto edges = watch(p.irq_signal(SMMU_SEC_NS, SMMU_IRQ_GERROR));
    p.run([&] {
        enable_irqs(p, SMMU_SEC_NS, DRV_IRQ_GERROR);
        uint64_t c[2];
        cmd_clear(c, 0x7f); // an unassigned opcode: CERROR_ILL
        ASSERT_EQ(drv_submit(&p.ns, c), 0);
        EXPECT_EQ(drv_cmdq_error(&p.ns), 1u);
        wait(10, SC_NS);
        ASSERT_EQ(levels(*edges), k_pulse);
    });
}

// IHI 0070 3.10.2: a Secure stream's event goes to the Secure event queue, whose interrupt is
// the Secure one; the Non-secure line stays quiet.
TEST(Irq, SecureEventPulsesTheSecureLineOnly)
{
    platform p;
    auto s_edges = watch(p.irq_signal(SMMU_SEC_SECURE, SMMU_IRQ_EVENTQ));
    auto ns_edges = watch(p.irq_signal(SMMU_SEC_NS, SMMU_IRQ_EVENTQ));
    p.run([&] {
        enable_irqs(p, SMMU_SEC_NS, DRV_IRQ_EVENTQ);
        enable_irqs(p, SMMU_SEC_SECURE, DRV_IRQ_EVENTQ);
        p.enable(SMMU_SEC_NS);
        faulting_stream(p, SMMU_SEC_SECURE);
        fault(p, SMMU_SEC_SECURE);
        wait(10, SC_NS);
        EXPECT_EQ(s_edges->size(), 2u);
        EXPECT_TRUE(ns_edges->empty());
        uint64_t rec[4];
        EXPECT_EQ(drv_read_event(&p.s, rec), 1);
        EXPECT_EQ(drv_read_event(&p.ns, rec), 0);
    });
}

// IHI 0070 3.18.2 (EVENTQ_IRQ_CFG0/1/2): with an MSI address programmed, the event queue
// interrupt is a 32-bit write of the MSI data on the walk socket, in the bank's PA space.
TEST(Msi, EventQueueMsiIsWrittenOnTheWalkSocket)
{
    platform p;
    p.run([&] {
        p.setup(SMMU_SEC_NS);
        drv_write64(&p.ns, DRV_EVENTQ_IRQ_CFG0, k_msi);
        drv_write32(&p.ns, DRV_EVENTQ_IRQ_CFG1, 0x1234abcd);
        drv_write32(&p.ns, DRV_EVENTQ_IRQ_CFG2, 0);
        enable_irqs(p, SMMU_SEC_NS, DRV_IRQ_EVENTQ);
        faulting_stream(p, SMMU_SEC_NS);
        p.memory.log.clear();
        fault(p, SMMU_SEC_NS);
        EXPECT_EQ(fake_mem_rd32(p.mem, k_msi, SMMU_PAS_NS), 0x1234abcdu);
        unsigned msis = 0;
        for (const auto &a : p.memory.log) {
            if (a.addr == k_msi) {
                msis++;
                EXPECT_EQ(a.socket, 1); // the walk socket
                EXPECT_EQ(a.cmd, tlm::TLM_WRITE_COMMAND);
                EXPECT_EQ(a.len, 4u);
                EXPECT_EQ(a.pas, SMMU_PAS_NS);
            }
        }
        EXPECT_EQ(msis, 1u);
        EXPECT_EQ(p.smmu.stats().msis, 1u);
    });
}
