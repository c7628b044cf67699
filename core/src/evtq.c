/* placeholder: being written (evtq) */
#include <string.h>
#include "evtq.h"
void evtq_encode(const struct smmu_event *ev, uint64_t rec[4]) { (void)ev; memset(rec, 0, 32); }
void evtq_decode(const uint64_t rec[4], struct smmu_event *ev) { (void)rec; memset(ev, 0, sizeof(*ev)); }
bool evtq_record(struct smmu *s, unsigned bank, const struct smmu_event *ev) { (void)s; (void)bank; (void)ev; return false; }
