import CNcursesw
import Foundation

/// The only place that talks to curses. It copies a `Canvas` to the screen (runs of same-style
/// cells, `wnoutrefresh` + `doupdate`) and reads keys with `wget_wch`. Only the main thread
/// may call it; it is deliberately small and has no behaviour of its own.
final class CursesTerminal {
    private var started = false
    /// Whether curses decodes mouse reports (`start(mouse:)`).
    private var mouseOn = false
    /// Between a press and its release (see `readKey`).
    private var buttonDown = false
    private var theme: Theme
    private var colorMode: ColorMode = .none
    private var pairs: [PairKey: Int16] = [:]
    private var nextPair: Int32 = 1
    private var previous: Canvas?

    enum ColorMode { case none, eight, many }

    private struct PairKey: Hashable { var fg: Int; var bg: Int }

    init(theme: Theme) { self.theme = theme }

    /// Cell widths as curses measures them, so the grid and the screen agree.
    static let measure = CellMeasure { scalar in
        Int(wcwidth(wchar_t(bitPattern: scalar.value)))
    }

    func start(mouse: Bool = true) {
        Self.chooseLocale()
        ts_install_crash_restore()
        setenv("ESCDELAY", "25", 0)
        initscr()
        raw()
        noecho()
        nonl()
        keypad(ts_stdscr(), true)
        nodelay(ts_stdscr(), true)
        intrflush(ts_stdscr(), false)
        defineAlternateKeys()
        if mouse { ts_mouse_enable() }
        mouseOn = mouse
        started = true
        if has_colors() {
            start_color()
            use_default_colors()
            colorMode = ts_colors() >= 256 ? .many : ts_colors() >= 8 ? .eight : .none
        }
        if theme.monochrome { colorMode = .none }
    }

    /// Curses draws the pane borders and symbols only in a UTF-8 locale. With no locale
    /// configured at all (LANG unset, as in many containers and CI shells, gives "C"), the
    /// character type falls back to C.UTF-8, which glibc always has; a locale the user chose
    /// explicitly is kept as it is.
    static func chooseLocale() {
        setlocale(LC_ALL, "")
        guard String(cString: nl_langinfo(nl_item(CODESET))) != "UTF-8",
              let current = setlocale(LC_CTYPE, nil).map({ String(cString: $0) }),
              current == "C" || current == "POSIX" else { return }
        setlocale(LC_CTYPE, "C.UTF-8")
    }

    /// Terminals disagree on Home/End: xterm sends ESC O H, tmux and the Linux console ESC [ 1 ~.
    /// Teaching curses every common form keeps those keys from arriving as a stray Esc.
    private func defineAlternateKeys() {
        let pairs: [(String, Int32)] = [("\u{1B}[1~", KEY_HOME), ("\u{1B}[4~", KEY_END), ("\u{1B}[H", KEY_HOME), ("\u{1B}[F", KEY_END),
                                        ("\u{1B}OH", KEY_HOME), ("\u{1B}OF", KEY_END), ("\u{1B}[7~", KEY_HOME), ("\u{1B}[8~", KEY_END)]
        for (sequence, code) in pairs { _ = define_key(sequence, code) }
    }

    /// After SIGWINCH: asks the kernel for the new size and tells curses, which then redraws
    /// everything on the next refresh.
    func refreshSize() {
        var rows: Int32 = 0
        var cols: Int32 = 0
        if ts_window_size(&rows, &cols) == 0 { _ = resizeterm(rows, cols) }
        previous = nil
    }

    /// Restores the terminal. Safe to call more than once.
    func stop() {
        guard started else { return }
        started = false
        curs_set(1)
        if mouseOn { ts_mouse_disable() }
        endwin()
    }

    var size: (width: Int, height: Int) { (Int(ts_cols()), Int(ts_lines())) }

    func setTheme(_ theme: Theme) {
        self.theme = theme
        pairs = [:]
        nextPair = 1
        if has_colors() { colorMode = theme.monochrome ? .none : ts_colors() >= 256 ? .many : ts_colors() >= 8 ? .eight : .none }
        previous = nil
        clearok(ts_stdscr(), true)
    }

    /// Copies the canvas to the screen, redrawing only rows that changed since the last frame.
    func draw(_ canvas: Canvas) {
        let win = ts_stdscr()
        let full = previous.map { $0.width != canvas.width || $0.height != canvas.height } ?? true
        for y in 0..<canvas.height {
            if !full, let prev = previous, rowEqual(prev, canvas, y) { continue }
            var x = 0
            while x < canvas.width {
                let style = canvas[x, y].style
                var run = String.UnicodeScalarView()
                let start = x
                while x < canvas.width, canvas[x, y].style == style {
                    let cell = canvas[x, y]
                    if !cell.isContinuation { run.append(contentsOf: cell.text.unicodeScalars) }
                    x += 1
                }
                apply(style, to: win)
                var wide = Array(run.map { wchar_t(bitPattern: $0.value) })
                wide.append(0)
                mvwaddnwstr(win, Int32(y), Int32(start), wide, Int32(wide.count - 1))
            }
        }
        if let cursor = canvas.cursor, cursor.x < canvas.width, cursor.y < canvas.height {
            curs_set(1)
            wmove(win, Int32(cursor.y), Int32(cursor.x))
        } else {
            curs_set(0)
        }
        wnoutrefresh(win)
        doupdate()
        previous = canvas
    }

    private func rowEqual(_ a: Canvas, _ b: Canvas, _ y: Int) -> Bool {
        let start = y * b.width
        return a.cells[start..<(start + b.width)] == b.cells[start..<(start + b.width)]
    }

    private func apply(_ style: Style, to win: UnsafeMutablePointer<WINDOW>?) {
        let entry = theme.entry(style.role)
        var attrs = ts_a_normal()
        var pair: Int32 = 0
        switch colorMode {
        case .none:
            let m = entry.mono
            if m.bold || style.bold { attrs |= ts_a_bold() }
            if m.underline || style.underline { attrs |= ts_a_underline() }
            if m.reverse != style.reverse { attrs |= ts_a_reverse() }
            if m.dim { attrs |= ts_a_dim() }
        case .eight, .many:
            let fg = colorMode == .many ? entry.foreground.index256 : (entry.foreground8 ?? entry.foreground).index8
            let bg = colorMode == .many ? entry.background.index256 : (entry.background8 ?? entry.background).index8
            pair = pairNumber(fg: fg, bg: bg)
            if entry.bold || style.bold { attrs |= ts_a_bold() }
            if entry.underline || style.underline { attrs |= ts_a_underline() }
            if entry.reverse != style.reverse { attrs |= ts_a_reverse() }
            if entry.dim { attrs |= ts_a_dim() }
        }
        _ = ts_set_style(win, attrs, pair)
    }

    private func pairNumber(fg: Int, bg: Int) -> Int32 {
        let key = PairKey(fg: fg, bg: bg)
        if let p = pairs[key] { return Int32(p) }
        guard nextPair < min(ts_color_pairs(), 32767) else { return 0 }
        let n = nextPair
        nextPair += 1
        init_pair(Int16(n), Int16(fg), Int16(bg))
        pairs[key] = Int16(n)
        return n
    }

    /// Writes bytes straight to the terminal, between frames (an OSC 52 copy): curses has
    /// already flushed the last frame, and a sequence that prints nothing leaves its picture of
    /// the screen true. False when the terminal could not be written.
    func writeControl(_ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
            if n < 0, errno == EINTR || errno == EAGAIN { continue }
            guard n > 0 else { return false }
            offset += n
        }
        return true
    }

    /// The next key, or `nil` when none is waiting.
    func readKey() -> KeyRead? {
        var ch: wint_t = 0
        let rc = wget_wch(ts_stdscr(), &ch)
        if rc == ERR { return nil }
        if rc == ts_key_code_yes() {
            if Int32(ch) == KEY_RESIZE { return .resize }
            // A mouse report is decoded whole here, so none of its bytes can reach a text field.
            if Int32(ch) == ts_key_mouse() {
                var x: Int32 = 0, y: Int32 = 0, kind: Int32 = 0
                guard ts_mouse_read(&x, &y, &kind) == 0 else {
                    // With the mouse off, curses still recognises the report's start (the
                    // terminal's kmous) but leaves the rest: a terminal that reports anyway (its
                    // mouse mode left on by another program) must not type "0;81;3M".
                    if !mouseOn { discardReportTail() }
                    return .ignored
                }
                switch kind {
                case 1:
                    buttonDown = true
                    return .mouse(MouseEvent(kind: .press, x: Int(x), y: Int(y)))
                case 2: return .mouse(MouseEvent(kind: .wheelUp, x: Int(x), y: Int(y)))
                case 3: return .mouse(MouseEvent(kind: .wheelDown, x: Int(x), y: Int(y)))
                case 4:
                    // A press and its release read in one go reach us as the release alone
                    // (measured with ncurses 6.4): that is a click, so it is reported as the press.
                    defer { buttonDown = false }
                    return .mouse(MouseEvent(kind: buttonDown ? .release : .press, x: Int(x), y: Int(y)))
                case 5: return .mouse(MouseEvent(kind: .drag, x: Int(x), y: Int(y)))
                default: return .ignored
                }
            }
            return .key(KeyDecoder.functionKey(Int32(ch)))
        }
        guard let scalar = Unicode.Scalar(UInt32(ch)) else { return .key(.unknown("invalid")) }
        return .key(Key.fromCharacter(scalar))
    }

    enum KeyRead { case key(Key), mouse(MouseEvent), resize, ignored }

    /// Reads the rest of an SGR mouse report (`0;81;3M`): digits and semicolons, then `M` or
    /// `m`. Anything else read is given back to curses as typed.
    private func discardReportTail() {
        var taken: [wint_t] = []
        var keyCode: Int32?
        while true {
            var ch: wint_t = 0
            let rc = wget_wch(ts_stdscr(), &ch)
            if rc == ERR { break }
            if rc == ts_key_code_yes() { keyCode = Int32(ch); break }
            guard let scalar = Unicode.Scalar(UInt32(ch)) else { break }
            if scalar == "M" || scalar == "m" { return }
            taken.append(ch)
            guard ("0"..."9").contains(scalar) || scalar == ";" else { break }
        }
        // Not a report after all: give back what was read, last first (curses reads it back in order).
        if let keyCode { _ = ungetch(keyCode) }
        for ch in taken.reversed() { _ = unget_wch(wchar_t(bitPattern: UInt32(ch))) }
    }
}
