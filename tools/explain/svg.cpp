/* SPDX-License-Identifier: Apache-2.0 */
#include "svg.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <sstream>

#include "common/hexutil.h"

namespace smmuv3::tools {

namespace {

/* Text metrics of the drawing: a monospace face, so a line's width is its length times the
 * advance of one character (0.6 em in DejaVu Sans Mono, Liberation Mono and Courier). */
constexpr double kFont = 12, kAdvance = 7.25, kLine = 16, kPad = 8;
constexpr unsigned kMainChars = 64, kSideChars = 46; /* wrap widths of the two columns */
constexpr double kMargin = 20, kGapY = 28, kGapX = 90, kSideGapY = 14, kSideHead = 20;

enum class look { txn, structure, stage2, result, fault };

struct box {
    std::string id, title;
    std::vector<std::string> lines;
    look kind = look::structure;
    bool faulted = false;       /* the fetch where the translation stopped */
    std::vector<box> side;      /* the stage-2 walk of this fetch (nested) */
    std::string side_head;      /* what the side column translates */
    double y = 0, h = 0, w = 0; /* layout */
};

/* Greedy word wrap at `width` characters; a continuation line is indented by two spaces. */
void wrap(const std::string &text, unsigned width, std::vector<std::string> *out)
{
    std::istringstream in(text);
    std::string word, line;
    while (in >> word) {
        while (word.size() > width) { /* a word longer than a line: cut it */
            if (!line.empty()) {
                out->push_back(line);
                line = "  ";
            }
            size_t n = width - line.size();
            out->push_back(line + word.substr(0, n));
            word.erase(0, n);
            line = "  ";
        }
        if (!line.empty() && line != "  " && line.size() + 1 + word.size() > width) {
            out->push_back(line);
            line = "  ";
        }
        line += (line.empty() || line == "  " ? "" : " ") + word;
    }
    if (!line.empty() && line != "  ")
        out->push_back(line);
}

const field_value *field(const decoded &d, const std::string &name)
{
    for (const field_value &f : d.fields)
        if (f.name == name)
            return &f;
    return nullptr;
}

std::string field_text(const field_value &f)
{
    std::string v = f.name + " = " +
                    (f.is_address ? hex(f.address) : format_field(f.hi - f.lo + 1, f.value));
    if (!f.meaning.empty())
        v += " (" + f.meaning + ")";
    return v;
}

/* The fields that mattered: those of `always` (even when zero: TG0 = 0 is the 4KB granule),
 * then those of `if_set` that are not zero, in the structure's order. */
void add_fields(const decoded &d, const std::set<std::string> &always,
                const std::set<std::string> &if_set, unsigned width, std::vector<std::string> *out)
{
    for (const field_value &f : d.fields)
        if (always.count(f.name) || (if_set.count(f.name) && f.value != 0))
            wrap(field_text(f), width, out);
}

/* The header lines of a structure read from memory: where, and its first word when it is one
 * word (a descriptor's value is what a reader compares with a memory dump). */
void where(const explain_step &x, unsigned width, std::vector<std::string> *out)
{
    out->push_back("at PA " + hex(x.addr) + " (" + pas_words(x.pas) + ")");
    if (x.words.size() == 1)
        out->push_back("= " + hex(x.words[0], 16));
    wrap(x.d.summary, width, out);
}

box desc_box(const explain_step &x, const std::string &id, bool side)
{
    box b;
    b.id = id;
    b.kind = x.stage == 2 ? look::stage2 : look::structure;
    b.title = x.d.title; /* "stage-1 level 3 (4KB granule) page descriptor" */
    if (!b.title.empty())
        b.title[0] = (char)std::toupper((unsigned char)b.title[0]);
    unsigned w = side ? kSideChars : kMainChars;
    where(x, w, &b.lines);
    /* Valid, Type and the address are in the summary. A side box keeps what decides whether
     * the fetch may read the table: permissions and the output PA space. */
    static const std::set<std::string> perms = {"S2AP", "XN", "AP", "UXN", "PXN", "NS"};
    if (side) {
        add_fields(x.d, {}, perms, w, &b.lines);
    } else {
        for (const field_value &f : x.d.fields)
            if (f.value != 0 && f.name != "Valid" && f.name != "Type" && f.name != "Addr")
                wrap(field_text(f), w, &b.lines);
    }
    return b;
}

/* Ids are unique in the page: a second box with the same id gets "-1", and so on. */
std::string unique_id(std::set<std::string> *seen, const std::string &id)
{
    std::string u = id;
    for (unsigned n = 1; seen->count(u); n++)
        u = id + "-" + std::to_string(n);
    seen->insert(u);
    return u;
}

std::string level_id(unsigned stage, int level)
{
    return "s" + std::to_string(stage) + "-l" + std::to_string(level);
}

/* The boxes of the path, top to bottom. */
std::vector<box> build(const explained &e)
{
    const smmu_txn &t = e.txn;
    std::vector<box> col;
    std::set<std::string> ids;

    box tx;
    tx.id = unique_id(&ids, "txn");
    tx.kind = look::txn;
    tx.title = "Transaction";
    tx.lines.push_back(std::string(t.access == SMMU_ACCESS_WRITE ? "write" : "read") + " of " +
                       hex(t.addr));
    tx.lines.push_back("StreamID " + hex(t.sid) + (t.ssv ? " SubstreamID " + hex(t.ssid) : "") +
                       " (" + sec_words(t.sec) + ")");
    tx.lines.push_back(std::string((t.flags & SMMU_TXN_PRIV) ? "privileged" : "unprivileged") +
                       " " + ((t.flags & SMMU_TXN_INSTR) ? "instruction" : "data") + " access");
    col.push_back(tx);

    /* Nested (STE.Config 0b111): every stage-1 structure fetch is an IPA that stage 2
     * translates first [IHI 0070 3.3.2], so the stage-2 descriptors seen before a fetch are
     * that fetch's walk. With stage 2 alone they are the path itself. */
    bool nested = false;
    std::vector<const explain_step *> pending; /* stage-2 descriptors not yet placed */
    const explain_step *s1_leaf = nullptr;
    /* The IPA of the next stage-1 table (CD table, L2 CD table, translation table), from the
     * structure that points to it: what the next side column translates. */
    std::string table_ipa;
    auto attach = [&](box *b) {
        if (!pending.empty() && !table_ipa.empty())
            b->side_head = "stage 2 of the table at IPA " + table_ipa;
        for (const explain_step *p : pending)
            b->side.push_back(desc_box(*p, unique_id(&ids, b->id + "-" + level_id(2, p->level_)),
                                       true));
        pending.clear();
    };
    for (const explain_step &x : e.steps) {
        if (x.is_log || !x.has_decoded)
            continue;
        box b;
        std::string ipa_before = table_ipa; /* the table this structure was read from */
        switch (x.kind) {
        case SMMU_TRACE_L1STD:
            b.id = "l1std";
            b.title = "L1STD (level-1 stream table descriptor)";
            where(x, kMainChars, &b.lines);
            break;
        case SMMU_TRACE_STE: {
            b.id = "ste";
            b.title = "STE for StreamID " + hex(t.sid);
            where(x, kMainChars, &b.lines);
            add_fields(x.d, {"Config"},
                       {"S1Fmt", "S1ContextPtr", "S1CDMax", "S1DSS", "EATS", "STRW", "S2VMID",
                        "S2T0SZ", "S2SL0", "S2TG", "S2PS", "S2AA64", "S2S", "S2R", "S2TTB"},
                       kMainChars, &b.lines);
            const field_value *cfg = field(x.d, "Config");
            nested = cfg && cfg->value == 7;
            if (const field_value *p = field(x.d, "S1ContextPtr"))
                table_ipa = hex(p->address);
            break;
        }
        case SMMU_TRACE_L1CD:
            b.id = "l1cd";
            b.title = "L1CD (level-1 context descriptor)";
            where(x, kMainChars, &b.lines);
            if (const field_value *p = field(x.d, "L2Ptr"))
                table_ipa = hex(p->address);
            break;
        case SMMU_TRACE_CD: {
            b.id = "cd";
            b.title = "CD" + (t.ssv ? " for SubstreamID " + hex(t.ssid) : std::string());
            where(x, kMainChars, &b.lines);
            /* VA[55] selects TTB1 and its T1SZ / TG1 [Arm ARM D8.2] */
            bool ttb1 = (t.addr >> 55) & 1;
            add_fields(x.d,
                       ttb1 ? std::set<std::string>{"TTB1", "T1SZ", "TG1", "ASID"}
                            : std::set<std::string>{"TTB0", "T0SZ", "TG0", "ASID"},
                       {ttb1 ? "EPD1" : "EPD0", "AA64", "IPS", "A", "R", "S", "DS", "HA", "HD"},
                       kMainChars, &b.lines);
            if (const field_value *p = field(x.d, ttb1 ? "TTB1" : "TTB0"))
                table_ipa = hex(p->address);
            break;
        }
        case SMMU_TRACE_DESC:
            if (x.stage == 2 && nested) {
                pending.push_back(&x);
                continue;
            }
            b = desc_box(x, level_id(x.stage, x.level_), false);
            if (x.stage == 1) {
                s1_leaf = &x;
                table_ipa = hex(desc_address(structure::s1desc, x.words.data(), x.ctx));
            }
            break;
        default:
            continue;
        }
        b.id = unique_id(&ids, b.id);
        std::string next_ipa = table_ipa;
        table_ipa = ipa_before;
        attach(&b);
        table_ipa = next_ipa;
        col.push_back(b);
    }

    box end;
    const smmu_result &r = e.result;
    switch (r.outcome) {
    case SMMU_XLATE_OK:
    case SMMU_XLATE_BYPASS:
        end.id = "pa";
        end.kind = look::result;
        end.title = "PA " + hex(r.pa) + " (" + pas_words(r.pas) + ")";
        end.lines.push_back(r.outcome == SMMU_XLATE_OK ? "translated" : "bypassed");
        wrap("memory type MAIR " + hex(r.mair, 2) + " (" + mair_words(r.mair) + "), " +
                 sh_words(r.sh),
             kMainChars, &end.lines);
        end.lines.push_back("permissions " + perm_words(r.perm));
        end.lines.push_back("mapping " + hex(r.map_base) + " + " + hex(r.map_size) + " -> " +
                            hex(r.pa - (t.addr - r.map_base)));
        break;
    case SMMU_XLATE_ABORT:
        end.id = "fault";
        end.kind = look::fault;
        if (e.gpc_abort) {
            end.title = "External abort: granule protection check";
            end.lines.push_back("no event record (IHI 0070 3.25.3)");
        } else {
            end.title = "Abort without an event";
            wrap("STE.Config 0b0xx, GBPA.ABORT or bypass disallowed", kMainChars, &end.lines);
        }
        break;
    case SMMU_XLATE_FAULT:
    case SMMU_XLATE_RAZWI:
    case SMMU_XLATE_STALLED:
        end.id = "fault";
        end.kind = look::fault;
        end.title = std::string(r.outcome == SMMU_XLATE_RAZWI    ? "RAZ/WI after "
                                : r.outcome == SMMU_XLATE_STALLED ? "Stalled by "
                                                                  : "Fault ") +
                    smmu_event_name(r.event) + " (" + hex(r.event, 2) + ")";
        if (e.fault_records.empty())
            wrap("no event record would be written (queue disabled or full, or not recorded "
                 "for this stream)",
                 kMainChars, &end.lines);
        break;
    }
    for (const decoded &d : e.fault_records) {
        if (e.fault_records.size() > 1 || e.gpc_abort)
            end.lines.push_back(d.title + ":");
        for (const auto &f : shown_fields(d))
            wrap(f.first + " = " + f.second, kMainChars, &end.lines);
    }
    if (!pending.empty()) {
        /* The walks of the last IPA: the output of stage 1, or the fetch that faulted */
        if (r.outcome == SMMU_XLATE_OK && s1_leaf) {
            uint64_t size = UINT64_C(1) << desc_level_shift(s1_leaf->ctx.granule_shift,
                                                            s1_leaf->level_);
            uint64_t ipa = desc_address(structure::s1desc, s1_leaf->words.data(), s1_leaf->ctx) +
                           (t.addr & (size - 1));
            table_ipa = "";
            end.side_head = "stage 2 of the output IPA " + hex(ipa);
        }
        end.id = unique_id(&ids, end.id);
        attach(&end);
    } else {
        end.id = unique_id(&ids, end.id);
    }
    /* Where it stopped: the last structure read decided these faults (an STE or CD field, a
     * descriptor) [IHI 0070 7.3]. A fetch abort (F_STE_FETCH, F_CD_FETCH, F_WALK_EABT,
     * F_VMS_FETCH) is of a fetch that returned nothing, after the last box; a GPC abort is of
     * the output access or a fetch; the other events are not about one structure. */
    bool decided_by_last = false;
    if (end.kind == look::fault && !e.gpc_abort) {
        switch (r.event) {
        case SMMU_EVT_C_BAD_STE:
        case SMMU_EVT_C_BAD_SUBSTREAMID:
        case SMMU_EVT_C_BAD_CD:
        case SMMU_EVT_F_TRANSL_FORBIDDEN:
        case SMMU_EVT_F_TRANSLATION:
        case SMMU_EVT_F_ADDR_SIZE:
        case SMMU_EVT_F_ACCESS:
        case SMMU_EVT_F_PERMISSION:
            decided_by_last = true;
            break;
        case SMMU_EVT_F_STE_FETCH:
        case SMMU_EVT_F_CD_FETCH:
        case SMMU_EVT_F_WALK_EABT:
        case SMMU_EVT_F_VMS_FETCH: {
            std::vector<std::string> why;
            wrap("the fetch after the last box was aborted (an external abort, or the granule "
                 "protection check: GPCF)",
                 kMainChars, &why);
            end.lines.insert(end.lines.begin(), why.begin(), why.end());
            break;
        }
        default:
            break;
        }
    }
    if (decided_by_last) {
        if (!end.side.empty())
            end.side.back().faulted = true;
        else if (col.size() > 1)
            col.back().faulted = true;
    }
    col.push_back(end);
    for (box &b : col)
        if (!b.side.empty() && b.side_head.empty())
            b.side_head = "stage-2 walk of the fetch";
    return col;
}

double text_width(const box &b)
{
    size_t n = b.title.size();
    for (const std::string &l : b.lines)
        n = std::max(n, l.size());
    return (double)n * kAdvance + 2 * kPad;
}

double box_height(const box &b)
{
    return (double)(b.lines.size() + 1) * kLine + 2 * kPad;
}

std::string num(double v)
{
    std::ostringstream o;
    o.setf(std::ios::fixed);
    o.precision(1);
    o << v;
    std::string s = o.str();
    if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0)
        s.resize(s.size() - 2);
    return s;
}

void style_of(look k, bool faulted, std::string *fill, std::string *stroke, std::string *cls)
{
    switch (k) {
    case look::txn: *fill = "#f4f4f4"; *stroke = "#555555"; *cls = "txn"; break;
    case look::structure: *fill = "#eaf2fb"; *stroke = "#2f5f98"; *cls = "structure"; break;
    case look::stage2: *fill = "#f1edf9"; *stroke = "#6a4fa3"; *cls = "stage2"; break;
    case look::result: *fill = "#e6f5ea"; *stroke = "#2e7d45"; *cls = "result"; break;
    case look::fault: *fill = "#fde7e7"; *stroke = "#c62828"; *cls = "fault"; break;
    }
    if (faulted) {
        *stroke = "#c62828";
        *cls += " faulted";
    }
}

void draw_box(std::ostringstream &o, const box &b, double x)
{
    std::string fill, stroke, cls;
    style_of(b.kind, b.faulted, &fill, &stroke, &cls);
    bool red = b.kind == look::fault || b.faulted;
    o << "<g id=\"" << b.id << "\" class=\"node " << cls << "\">\n";
    o << "<title>" << xml_escape(b.title) << "</title>\n";
    o << "<rect x=\"" << num(x) << "\" y=\"" << num(b.y) << "\" width=\"" << num(b.w)
      << "\" height=\"" << num(b.h) << "\" rx=\"6\" fill=\"" << fill << "\" stroke=\"" << stroke
      << "\" stroke-width=\"" << (red ? 2.5 : 1.2) << "\"/>\n";
    double ty = b.y + kPad + kFont;
    o << "<text x=\"" << num(x + kPad) << "\" y=\"" << num(ty) << "\" font-weight=\"bold\""
      << (red ? " fill=\"#b71c1c\"" : "") << ">" << xml_escape(b.title) << "</text>\n";
    for (const std::string &l : b.lines) {
        ty += kLine;
        o << "<text x=\"" << num(x + kPad) << "\" y=\"" << num(ty) << "\" xml:space=\"preserve\">"
          << xml_escape(l) << "</text>\n";
    }
    o << "</g>\n";
}

/* Arrow colours, each with its own arrowhead marker ("arrow-path", ...). */
struct ink {
    const char *name, *colour;
};
constexpr ink kPathInk{"path", "#444444"}, kFaultInk{"fault", "#c62828"},
    kStage2Ink{"stage2", "#6a4fa3"};

void arrow(std::ostringstream &o, const std::string &points, const ink &k)
{
    o << "<polyline points=\"" << points << "\" fill=\"none\" stroke=\"" << k.colour
      << "\" stroke-width=\"1.5\" marker-end=\"url(#arrow-" << k.name << ")\"/>\n";
}

} // namespace

std::string xml_escape(const std::string &s)
{
    std::string o;
    for (char c : s) {
        switch (c) {
        case '&': o += "&amp;"; break;
        case '<': o += "&lt;"; break;
        case '>': o += "&gt;"; break;
        case '"': o += "&quot;"; break;
        default: o += c;
        }
    }
    return o;
}

std::string path_svg(const explained &e)
{
    std::vector<box> col = build(e);

    /* Column widths: the widest box of each column */
    double wm = 0, ws = 0;
    for (const box &b : col) {
        wm = std::max(wm, text_width(b));
        for (const box &s : b.side)
            ws = std::max(ws, text_width(s));
    }
    double xm = kMargin, xs = kMargin + wm + kGapX;
    /* Rows: a main box and its side column, the taller of the two */
    double y = kMargin + 24;
    for (box &b : col) {
        b.w = wm;
        b.h = box_height(b);
        b.y = y;
        double side_y = y + kSideHead;
        for (box &s : b.side) {
            s.w = ws;
            s.h = box_height(s);
            s.y = side_y;
            side_y += s.h + kSideGapY;
        }
        double bottom = b.side.empty() ? y + b.h : std::max(y + b.h, side_y - kSideGapY);
        y = bottom + kGapY;
    }
    double width = (ws > 0 ? xs + ws : xm + wm) + kMargin;
    double height = y - kGapY + kMargin;

    const smmu_txn &t = e.txn;
    std::string caption = std::string(t.access == SMMU_ACCESS_WRITE ? "Write" : "Read") + " of " +
                          hex(t.addr) + " by StreamID " + hex(t.sid) +
                          (t.ssv ? " SubstreamID " + hex(t.ssid) : "") + ": " +
                          (e.result.outcome == SMMU_XLATE_OK || e.result.outcome == SMMU_XLATE_BYPASS
                               ? "PA " + hex(e.result.pa)
                               : std::string(e.result.outcome == SMMU_XLATE_ABORT
                                                 ? "abort"
                                                 : smmu_event_name(e.result.event)));
    std::ostringstream o;
    o << "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"translation-path\" width=\"" << num(width)
      << "\" height=\"" << num(height) << "\" viewBox=\"0 0 " << num(width) << " " << num(height)
      << "\" font-family=\"DejaVu Sans Mono, Liberation Mono, monospace\" font-size=\""
      << num(kFont) << "\" role=\"img\">\n";
    o << "<title>" << xml_escape(caption) << "</title>\n";
    o << "<defs>\n";
    for (const ink &k : {kPathInk, kFaultInk, kStage2Ink})
        o << "<marker id=\"arrow-" << k.name << "\" viewBox=\"0 0 10 10\" refX=\"10\" "
          << "refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" orient=\"auto\">"
          << "<path d=\"M0,0 L10,5 L0,10 z\" fill=\"" << k.colour << "\"/></marker>\n";
    o << "</defs>\n";
    o << "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n";
    o << "<text x=\"" << num(kMargin) << "\" y=\"" << num(kMargin + 6)
      << "\" font-weight=\"bold\" font-size=\"14\">" << xml_escape(caption) << "</text>\n";
    double cx = xm + wm / 2;
    for (size_t i = 0; i < col.size(); i++) {
        const box &b = col[i];
        if (i + 1 < col.size()) {
            bool red = col[i + 1].kind == look::fault;
            arrow(o, num(cx) + "," + num(b.y + b.h) + " " + num(cx) + "," + num(col[i + 1].y),
                  red ? kFaultInk : kPathInk);
        }
        draw_box(o, b, xm);
        if (b.side.empty())
            continue;
        o << "<g class=\"side\" id=\"" << b.id << "-stage2\">\n";
        o << "<text x=\"" << num(xs) << "\" y=\"" << num(b.y + kFont) << "\" fill=\"#6a4fa3\">"
          << xml_escape(b.side_head) << "</text>\n";
        for (size_t j = 0; j < b.side.size(); j++) {
            const box &s = b.side[j];
            draw_box(o, s, xs);
            if (j + 1 < b.side.size())
                arrow(o, num(xs + ws / 2) + "," + num(s.y + s.h) + " " + num(xs + ws / 2) + "," +
                          num(b.side[j + 1].y),
                      kStage2Ink);
        }
        /* The walk's output, the PA of the fetch (or of the output), into the main box */
        const box &last = b.side.back();
        double from_y = last.y + last.h / 2, to_y = std::min(from_y, b.y + b.h / 2);
        double mid = xm + wm + kGapX / 2;
        arrow(o, num(xs) + "," + num(from_y) + " " + num(mid) + "," + num(from_y) + " " +
                     num(mid) + "," + num(to_y) + " " + num(xm + wm) + "," + num(to_y),
              kStage2Ink);
        o << "<text x=\"" << num(xm + wm + 6) << "\" y=\"" << num(to_y - 5)
          << "\" font-size=\"10\" fill=\"#6a4fa3\">PA</text>\n";
        o << "</g>\n";
    }
    o << "</svg>\n";
    return o.str();
}

std::string path_html(const explained &e, const std::string &svg, const std::string &text)
{
    const smmu_txn &t = e.txn;
    std::string title = "smmu-explain: StreamID " + hex(t.sid) + ", address " + hex(t.addr);
    std::ostringstream o;
    o << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>"
      << xml_escape(title) << "</title>\n"
      << "<style>\nbody { font-family: sans-serif; margin: 2em; color: #222; }\n"
         "figure { margin: 0 0 2em 0; overflow-x: auto; }\n"
         "pre { background: #f6f6f6; padding: 1em; overflow-x: auto; }\n</style>\n"
      << "</head>\n<body>\n<h1>" << xml_escape(title) << "</h1>\n<figure id=\"drawing\">\n"
      << svg << "</figure>\n<h2>Explanation</h2>\n<pre id=\"explanation\">" << xml_escape(text)
      << "</pre>\n</body>\n</html>\n";
    return o.str();
}

} // namespace smmuv3::tools
