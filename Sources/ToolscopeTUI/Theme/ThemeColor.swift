/// A colour from a theme file: `"#rrggbb"`, an xterm-256 index, a basic colour name, or
/// `"default"` (the terminal's own colour). It converts down to 256 and 8 colours so one
/// theme file looks right on every terminal.
public enum ThemeColor: Hashable, Sendable {
    case terminalDefault
    case rgb(UInt8, UInt8, UInt8)
    case indexed(Int)

    /// The eight basic curses colours, in curses order.
    public static let basicNames = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    /// Parses a theme colour; `nil` when the text is none of the accepted forms.
    public init?(text: String) {
        let t = text.lowercased()
        if t == "default" || t == "none" { self = .terminalDefault; return }
        if let i = ThemeColor.basicNames.firstIndex(of: t) { self = .indexed(i); return }
        if t.hasPrefix("bright"), let i = ThemeColor.basicNames.firstIndex(of: String(t.dropFirst(6)).trimmingPrefix("-")) {
            self = .indexed(i + 8); return
        }
        if t.hasPrefix("#"), t.count == 7, let v = UInt32(t.dropFirst(), radix: 16) {
            self = .rgb(UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)); return
        }
        if let i = Int(t), (0...255).contains(i) { self = .indexed(i); return }
        return nil
    }

    /// The xterm-256 palette index closest to this colour; -1 for the terminal default.
    public var index256: Int {
        switch self {
        case .terminalDefault: return -1
        case .indexed(let i): return i
        case .rgb(let r, let g, let b): return ThemeColor.nearest256(Int(r), Int(g), Int(b))
        }
    }

    /// The basic colour (0–7) closest to this colour; -1 for the terminal default.
    public var index8: Int {
        switch self {
        case .terminalDefault: return -1
        case .indexed(let i) where i < 16: return i % 8
        case .indexed(let i):
            let (r, g, b) = ThemeColor.rgbOf256(i)
            return ThemeColor.nearestBasic(r, g, b)
        case .rgb(let r, let g, let b): return ThemeColor.nearestBasic(Int(r), Int(g), Int(b))
        }
    }

    private static let cubeLevels = [0, 95, 135, 175, 215, 255]

    static func nearest256(_ r: Int, _ g: Int, _ b: Int) -> Int {
        func level(_ v: Int) -> Int { v < 48 ? 0 : v < 115 ? 1 : (v - 35) / 40 }
        let (cr, cg, cb) = (level(r), level(g), level(b))
        let cube = 16 + 36 * cr + 6 * cg + cb
        let cubeDistance = distance((r, g, b), (cubeLevels[cr], cubeLevels[cg], cubeLevels[cb]))
        let average = (r + g + b) / 3
        let grayStep = average > 238 ? 23 : max(0, (average - 3) / 10)
        let grayValue = 8 + 10 * grayStep
        let grayDistance = distance((r, g, b), (grayValue, grayValue, grayValue))
        return grayDistance < cubeDistance ? 232 + grayStep : cube
    }

    static func rgbOf256(_ i: Int) -> (Int, Int, Int) {
        if i >= 232 { let v = 8 + 10 * (i - 232); return (v, v, v) }
        if i >= 16 {
            let n = i - 16
            return (cubeLevels[n / 36], cubeLevels[(n / 6) % 6], cubeLevels[n % 6])
        }
        return basicRGB[i % 8]
    }

    private static let basicRGB = [(0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0),
                                   (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229)]

    static func nearestBasic(_ r: Int, _ g: Int, _ b: Int) -> Int {
        var best = 0
        var bestDistance = Int.max
        for (i, c) in basicRGB.enumerated() {
            let d = distance((r, g, b), c)
            if d < bestDistance { bestDistance = d; best = i }
        }
        return best
    }

    private static func distance(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Int {
        let dr = a.0 - b.0, dg = a.1 - b.1, db = a.2 - b.2
        return dr * dr + dg * dg + db * db
    }
}

private extension String {
    func trimmingPrefix(_ p: String) -> String { hasPrefix(p) ? String(dropFirst(p.count)) : self }
}
