/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A drawing of one translation's path (smmu-explain --svg / --html), from the same walk as the
 * text explanation (path.h): a column of boxes joined by arrows, transaction -> (L1STD ->) STE
 * -> (L1CD ->) CD -> each stage-1 level -> PA, with the stage-2 walk of each nested fetch in a
 * side column beside the box of that fetch [IHI 0070 3.3.2], and the fault in a red box after
 * the fetch where the translation stopped. Each box shows the structure, its address and the
 * fields that mattered. Hand-written SVG (docs/tools.md says why): the layout is a column, so
 * the result is byte-for-byte reproducible and needs no program at run time.
 *
 * DOM ids, for tests and style sheets: the root <svg id="translation-path">; boxes are
 * <g class="node ..."> with ids "txn", "l1std", "ste", "l1cd", "cd", "s1-l<N>" (stage-1 level
 * N), "s2-l<N>" (stage 2 alone), "<box>-s2-l<N>" (the stage-2 walk of the fetch of <box>),
 * "pa" or "fault"; "-1" is appended to an id seen before. Each has a <title>.
 */
#ifndef SMMU_TOOLS_EXPLAIN_SVG_H
#define SMMU_TOOLS_EXPLAIN_SVG_H

#include <string>

#include "path.h"

namespace smmuv3::tools {

/* The <svg> element (no XML declaration: the caller adds one for a standalone file). */
std::string path_svg(const explained &e);

/* A static page (no script, no network): a heading, the drawing inline and the text. */
std::string path_html(const explained &e, const std::string &svg, const std::string &text);

/* s with &, <, >, " escaped for XML text and attribute values. */
std::string xml_escape(const std::string &s);

} // namespace smmuv3::tools

#endif
