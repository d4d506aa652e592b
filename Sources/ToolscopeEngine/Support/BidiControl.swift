extension Unicode.Scalar {
    /// The invisible characters that reorder displayed text: U+061C, U+200E/F, U+202A–U+202E,
    /// U+2066–U+2069. Every printer that shows untrusted text (headless trace, JSON output, the
    /// workbench) neutralises exactly this set, so `txt.exe` can never pass for `exe.txt`.
    public var isBidiControl: Bool {
        value == 0x061C || value == 0x200E || value == 0x200F || (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
    }
}
