/* SPDX-License-Identifier: Apache-2.0 */
/* The name tables of the command and event record layouts, for diagnostics and decoders. */
#include "cmd_evt_layout.h"

DEFINE_FIELD_TABLE(cmd, CMD_FIELDS)
DEFINE_FIELD_TABLE(evt, EVT_FIELDS)
