#!/usr/bin/python3
"""Makes the four small fonts that kit-fonts.css lists beside the npm text faces, from the npm packages themselves.

The @fontsource subsets of Noto Serif, Noto Sans and Noto Sans Mono (restored by npm at build time) cover Latin,
Greek and punctuation, but not the mathematical operators, arrows, super- and subscripts, check marks or the
Latin Extended letters (Ē, ħ, š, ᵀ) the notebooks print. The files that have them are too large to inline into
every handout (Noto Sans Math 270 KB, the Noto Sans Symbols 2 "symbols" file 380 KB, each Latin Extended file
50–70 KB), and Noto Serif's "math" file lacks the operators its unicode-range names. So this script cuts the code
points a mathematics handout needs out of those files and kit-fonts.css lists the cuts. Every name-table record is
kept, so each output still states its copyright and its SIL Open Font License.

Run from this folder after the build has restored ../node_modules (Debian: apt-get install fonttools python3-brotli):
    /usr/bin/python3 make_subsets.py
It rewrites the four .woff2 files here; commit them with this script.
"""
from pathlib import Path

from fontTools import subset

NPM = Path(__file__).resolve().parent.parent / "node_modules" / "@fontsource"

# (output, source, code points). Whole Unicode blocks where they are small (arrows, mathematical operators,
# letterlike symbols, Latin Extended-A), so a new notebook's operators are covered too; only the check marks from
# the large symbols file, which holds mostly pictographs.
SUBSETS = [
    ("kit-math.woff2", "noto-sans-math/files/noto-sans-math-latin-400-normal.woff2",
     [(0x2016, 0x2016), (0x2032, 0x2037), (0x2100, 0x214F), (0x2190, 0x21FF), (0x2200, 0x22FF), (0x2308, 0x230B),
      (0x27E6, 0x27EF)]),
    ("kit-scripts.woff2", "noto-serif/files/noto-serif-math-400-normal.woff2",
     [(0x2070, 0x209F)]),
    ("kit-symbols.woff2", "noto-sans-symbols-2/files/noto-sans-symbols-2-symbols-400-normal.woff2",
     [(0x2713, 0x2718)]),
    ("kit-latin-extras.woff2", "noto-serif/files/noto-serif-latin-ext-400-normal.woff2",
     [(0x0100, 0x017F), (0x1D2C, 0x1D6A)]),
]


def main() -> None:
    here = Path(__file__).resolve().parent
    for output, source, ranges in SUBSETS:
        options = subset.Options()
        options.flavor = "woff2"
        options.name_IDs = ["*"]
        options.name_languages = ["*"]
        options.name_legacy = True
        options.layout_features = ["*"]
        options.notdef_outline = True
        font = subset.load_font(str(NPM / source), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=[u for lo, hi in ranges for u in range(lo, hi + 1)])
        subsetter.subset(font)
        # Written beside the target first, so an interrupted run never leaves a truncated font behind.
        temporary = here / (output + ".tmp")
        subset.save_font(font, str(temporary), options)
        temporary.replace(here / output)
        print(f"{output}: {len(font.getBestCmap())} code points, {(here / output).stat().st_size} bytes")


if __name__ == "__main__":
    main()
