/// Short human forms for durations and counts, shared by the status line and trace.
public enum Format {
    /// "850ms", "1.2s", "2m05s".
    public static func seconds(_ s: Double) -> String {
        guard s.isFinite, s >= 0 else { return "–" }
        if s < 1 { return "\(Int((s * 1000).rounded()))ms" }
        if s < 60 {
            let tenths = Int((s * 10).rounded())
            return "\(tenths / 10).\(tenths % 10)s"
        }
        let whole = Int(s)
        let sec = whole % 60
        return "\(whole / 60)m\(sec < 10 ? "0" : "")\(sec)s"
    }

    /// "950", "12.3k", "1.2M".
    public static func count(_ n: Int) -> String {
        if n < 1000 { return "\(n)" }
        if n < 1_000_000 {
            let tenths = n / 100
            return "\(tenths / 10).\(tenths % 10)k"
        }
        let tenths = n / 100_000
        return "\(tenths / 10).\(tenths % 10)M"
    }
}
