/* SPDX-License-Identifier: Apache-2.0 */
/*
 * smmu-decode: SMMU structures (STE, CD, L1STD, L1CD, page-table descriptors, commands, event
 * records, GPT descriptors, the Root GPC registers) from hex to named fields and meanings, and
 * back (--encode). See docs/tools.md.
 */
#include <cstdio>
#include <iostream>

#include <CLI/CLI.hpp>

#include "common/hexutil.h"
#include "decode.h"

using namespace smmuv3::tools;

namespace {

bool parse_granule(const std::string &g, unsigned *shift, std::string *err)
{
    if (g == "4k" || g == "4K" || g == "4096") *shift = 12;
    else if (g == "16k" || g == "16K" || g == "16384") *shift = 14;
    else if (g == "64k" || g == "64K" || g == "65536") *shift = 16;
    else {
        *err = "unknown granule '" + g + "' (4k, 16k or 64k)";
        return false;
    }
    return true;
}

/* Words from the command line: 64-bit values LSW first, or a little-endian byte string. */
bool read_words(structure s, const std::vector<std::string> &args, const std::string &bytes,
                std::vector<uint64_t> *w, std::string *err)
{
    unsigned n = structure_dwords(s);
    w->assign(n, 0);
    if (!bytes.empty()) {
        if (!args.empty()) {
            *err = "give either --bytes or words, not both";
            return false;
        }
        std::vector<uint8_t> b;
        if (!parse_bytes(bytes, &b, err)) {
            *err = "--bytes: " + *err;
            return false;
        }
        if (b.size() != n * 8u) {
            *err = std::string("--bytes: a ") + structure_title(s) + " is " + std::to_string(n * 8) +
                   " bytes; the byte string has " + std::to_string(b.size());
            return false;
        }
        for (unsigned i = 0; i < n * 8; i++)
            (*w)[i / 8] |= (uint64_t)b[i] << (8 * (i % 8));
        return true;
    }
    if (args.size() != n) {
        *err = std::string("a ") + structure_title(s) + " needs " + std::to_string(n) +
               " 64-bit word" + (n > 1 ? "s" : "") + " (least significant first); " +
               std::to_string(args.size()) + " given";
        return false;
    }
    for (unsigned i = 0; i < n; i++) {
        std::string e;
        if (!parse_u64(args[i], &(*w)[i], &e)) {
            *err = "word " + std::to_string(i) + ": " + e;
            return false;
        }
    }
    return true;
}

void print_decoded(structure s, const std::vector<uint64_t> &w, const desc_ctx &ctx, bool all)
{
    decoded d = decode(s, w.data(), ctx);
    std::cout << d.title << ": " << d.summary << "\n";
    std::cout << "  words:";
    for (uint64_t x : w)
        std::cout << " " << hex(x, 16);
    std::cout << "\n";
    size_t width = 0;
    for (const field_value &f : d.fields)
        width = std::max(width, f.name.size() + std::to_string(f.hi).size() +
                                    std::to_string(f.lo).size() + 3);
    bool first = true;
    for (const field_value &f : d.fields) {
        /* The key field (V, Config, Opcode, Valid...) always, the others when non-zero. */
        bool key = first || f.name == "Config" || f.name == "Type";
        first = false;
        if (!all && !key && f.value == 0)
            continue;
        std::string pos = f.name + "[" + std::to_string(f.hi) + ":" + std::to_string(f.lo) + "]";
        std::string val = f.is_address ? hex(f.address) : format_field(f.hi - f.lo + 1, f.value);
        std::printf("  %-*s = %s", (int)width, pos.c_str(), val.c_str());
        if (f.is_address)
            std::printf(" (address)");
        if (!f.meaning.empty())
            std::printf(" (%s)", f.meaning.c_str());
        std::printf("\n");
    }
}

} // namespace

int main(int argc, char **argv)
{
    CLI::App app{
        "smmu-decode: decode Arm SMMUv3 structures into named fields, or encode them.\n"
        "\n"
        "  smmu-decode ste 0x...9 0x... (8 words, least significant first)\n"
        "  smmu-decode cmd --bytes 46000000...   (the structure's bytes as in memory)\n"
        "  smmu-decode s1desc --level 3 --granule 4k 0x0040000040000703\n"
        "  smmu-decode --encode ste V=1 Config=0b101 S1ContextPtr=0x4000\n"
        "  smmu-decode --encode cmd Opcode=CMD_TLBI_NH_VA VMID=1 ASID=2 Addr=0x1000\n"
        "  smmu-decode gpt_l1 0xbbbbbbbb99999999   (GPT descriptors: gpt_l0, gpt_l1)\n"
        "  smmu-decode --encode gpt_l0 Type=0b0011 Addr=0xe020000\n"
        "  smmu-decode gpf_far 0x400000000d000007   (Root: gpt_base_cfg, gpf_far, gpt_cfg_far)\n"
        "  smmu-decode --list cd\n"
        "\n"
        "Address fields (S1ContextPtr, TTB0, L2Ptr, ...) are shown and given as the\n"
        "address they hold; descriptors also take Address= (output or next-level\n"
        "address). Descriptors (s1desc, s2desc) need --level and --granule: a descriptor's\n"
        "fields depend on both. Values: 0x hex, 0b binary or decimal; Opcode= and\n"
        "EventType= also take names. Exit status: 0 ok, 2 bad input (the message names\n"
        "the option, word or field)."};
    app.set_help_flag("-h,--help", "Print this help and exit");
    std::string sname, bytes, granule;
    std::vector<std::string> args;
    bool do_encode = false, list = false, all = false, ds = false;
    int level = 3;
    app.add_option("structure", sname, structure_list())->required();
    app.add_option("args", args, "Words (64-bit hex, LSW first), or FIELD=VALUE with --encode");
    app.add_flag("-e,--encode", do_encode, "Encode FIELD=VALUE assignments into words");
    app.add_option("-b,--bytes", bytes, "The structure as a little-endian byte string");
    app.add_flag("-a,--all", all, "Show fields that are zero too");
    app.add_flag("-l,--list", list, "List the structure's fields and bit positions");
    auto *level_opt = app.add_option("--level", level, "Descriptor level (-1..3); required for "
                                     "s1desc and s2desc")->check(CLI::Range(-1, 3));
    auto *granule_opt = app.add_option("--granule", granule, "Descriptor granule: 4k, 16k or "
                                       "64k; required for s1desc and s2desc");
    app.add_flag("--ds", ds, "Descriptors use the 52-bit LPA2 format (DS=1)");
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError &e) {
        int rc = app.exit(e);
        return rc ? 2 : 0;
    }
    std::string err;
    structure s;
    desc_ctx ctx;
    ctx.level = level;
    ctx.ds = ds;
    if (!parse_structure(sname, &s, &err)) {
        std::cerr << "smmu-decode: " << err << "\n";
        return 2;
    }
    /* A descriptor's kind (table, block, page) and address bits depend on its level and
     * granule [Arm ARM D8.3]: never assume them. */
    if (s == structure::s1desc || s == structure::s2desc) {
        if (!*level_opt || !*granule_opt) {
            std::cerr << "smmu-decode: " << sname << ": give "
                      << (!*level_opt ? std::string("--level (0..3, or -1 with --ds)") : "")
                      << (!*level_opt && !*granule_opt ? " and " : "")
                      << (!*granule_opt ? std::string("--granule (4k, 16k or 64k)") : "")
                      << ": a descriptor's fields depend on its level and granule\n";
            return 2;
        }
        if (!parse_granule(granule, &ctx.granule_shift, &err)) {
            std::cerr << "smmu-decode: --granule: " << err << "\n";
            return 2;
        }
        if (level == -1 && !(ctx.granule_shift == 12 && ds)) {
            std::cerr << "smmu-decode: --level -1 exists only with the 4k granule and --ds\n";
            return 2;
        }
    } else if (*level_opt || *granule_opt || ds) {
        std::cerr << "smmu-decode: " << (*level_opt ? "--level" : *granule_opt ? "--granule" : "--ds")
                  << " applies to descriptors (s1desc, s2desc) only, not " << sname << "\n";
        return 2;
    }
    if (list) {
        std::vector<uint64_t> w(structure_dwords(s), 0);
        /* every field of the table: show all fields of a zero structure's largest kind */
        std::cout << structure_title(s) << " (" << structure_dwords(s) * 8 << " bytes)\n";
        if (s == structure::s1desc || s == structure::s2desc)
            w[0] = ctx.level == 3 ? 3 : 1; /* a page or block */
        /* GPT descriptors: each kind (Type [3:0]) has its own fields */
        std::vector<uint64_t> kinds = {w[0]};
        if (s == structure::gpt_l0)
            kinds = {1, 3};
        else if (s == structure::gpt_l1)
            kinds = {0, 1};
        for (uint64_t k : kinds) {
            w[0] = k;
            decoded d = decode(s, w.data(), ctx);
            if (kinds.size() > 1)
                std::cout << " " << d.title << ":\n";
            for (const field_value &f : d.fields)
                std::cout << "  " << f.name << "[" << f.hi << ":" << f.lo << "]"
                          << (f.is_address ? " (address)" : "") << "\n";
        }
        if (s == structure::cmd || s == structure::evt)
            std::cout << "  (the fields depend on the " << (s == structure::cmd ? "Opcode" : "EventType")
                      << ": decode one to see them)\n";
        return 0;
    }
    std::vector<uint64_t> w;
    if (do_encode) {
        if (!bytes.empty()) {
            std::cerr << "smmu-decode: --bytes makes no sense with --encode\n";
            return 2;
        }
        if (!encode(s, args, ctx, &w, &err)) {
            std::cerr << "smmu-decode: " << err << "\n";
            return 2;
        }
        for (size_t i = 0; i < w.size(); i++)
            std::cout << (i ? " " : "") << hex(w[i], 16);
        std::cout << "\n";
        return 0;
    }
    if (!read_words(s, args, bytes, &w, &err)) {
        std::cerr << "smmu-decode: " << err << "\n";
        return 2;
    }
    print_decoded(s, w, ctx, all);
    return 0;
}
