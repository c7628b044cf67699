/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Decoding and encoding of the SMMU's in-memory structures from the field tables: STE, L1STD,
 * CD, L1CD [IHI 0070 5], commands [4], event records [7.3] and stage-1/stage-2 translation
 * table descriptors [Arm ARM D8.3], Granule Protection Table descriptors [Arm ARM D9.6] and the
 * Root registers that describe the GPC (ROOT_GPT_BASE_CFG, ROOT_GPF_FAR, ROOT_GPT_CFG_FAR). Values are the words as host-order 64-bit values, least
 * significant word first (the structure's bytes are little-endian in memory).
 */
#ifndef SMMU_TOOLS_DECODE_H
#define SMMU_TOOLS_DECODE_H

#include <cstdint>
#include <string>
#include <vector>

namespace smmuv3::tools {

enum class structure {
    ste, l1std, cd, l1cd, s1desc, s2desc, cmd, evt,
    gpt_l0, gpt_l1,                      /* GPT descriptors [Arm ARM D9.6] */
    gpt_base_cfg, gpf_far, gpt_cfg_far   /* Root registers [IHI 0070 6.3.115-117] */
};

/* Context a descriptor needs (ignored for the other structures). */
struct desc_ctx {
    int level = 3;               /* -1..3 */
    unsigned granule_shift = 12; /* 12, 14, 16 */
    bool ds = false;             /* LPA2 descriptors */
};

struct field_value {
    std::string name;
    unsigned hi, lo;             /* absolute bits */
    uint64_t value;              /* raw field value */
    bool is_address;             /* value shown (and encoded) as an address */
    uint64_t address;            /* is_address: the address the field holds */
    std::string meaning;         /* "" if none */
};

struct decoded {
    std::string title;           /* "STE", "CMD_TLBI_NH_VA", "stage 1 level 3 page descriptor" */
    std::string summary;         /* one line: what it is / where it points */
    std::vector<field_value> fields; /* the fields this structure (kind) has, in table order */
};

/* Name <-> structure; names: ste, l1std, cd, l1cd, s1desc, s2desc, cmd, evt, gpt_l0, gpt_l1,
 * gpt_base_cfg, gpf_far, gpt_cfg_far. */
bool parse_structure(const std::string &name, structure *out, std::string *err);
const char *structure_name(structure s);
const char *structure_title(structure s);
unsigned structure_dwords(structure s);
/* Names of every structure, for help texts. */
std::string structure_list();

/* Decode words (structure_dwords(s) of them). */
decoded decode(structure s, const uint64_t *w, const desc_ctx &ctx = {});

/* Encode NAME=VALUE assignments (fields of the structure; for address fields the value is the
 * address; descriptors also take Address=, the whole output / next-level address). The kind
 * comes from Opcode= (cmd), EventType= (evt), Valid=/Type= (descriptors), Type= (gpt_l0:
 * 0b0001 Block, 0b0011 Table; gpt_l1: 0b0001 Contiguous, none for Granules GPI0..GPI15). Unknown
 * fields, values too wide for their field and misaligned addresses are errors. */
bool encode(structure s, const std::vector<std::string> &assignments, const desc_ctx &ctx,
            std::vector<uint64_t> *words, std::string *err);

/* The meaning of one field's value in words ("stage 1 translate, stage 2 bypass"), or "". */
std::string field_meaning(structure s, const std::string &field, uint64_t v, const desc_ctx &ctx);

/* "0b101" for fields up to 4 bits wide, else "0x..". */
std::string format_field(unsigned width, uint64_t v);

/* The output (leaf) or next-level (table) address held by a descriptor. */
uint64_t desc_address(structure s, const uint64_t *w, const desc_ctx &ctx);
/* log2 of the size a descriptor at level maps. */
unsigned desc_level_shift(unsigned granule_shift, int level);

} // namespace smmuv3::tools

#endif
