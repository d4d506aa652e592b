#ifndef TOOLSCOPE_CNCURSESW_SHIM_H
#define TOOLSCOPE_CNCURSESW_SHIM_H
// Wide-character curses. Swift cannot import the macros and mutable globals ncurses exposes
// (stdscr, LINES, COLS, A_*, ACS_*), so this header wraps them in small inline functions.
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <wchar.h>
#include <signal.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <ncursesw/curses.h>

// glibc hides these without _XOPEN_SOURCE; redeclare so Swift can measure cells as curses does.
extern int wcwidth(wchar_t c);
extern int wcswidth(const wchar_t *s, size_t n);

// Pseudo-terminals, for the start-up benchmark (glibc hides these without _XOPEN_SOURCE too).
extern int posix_openpt(int flags);
extern int grantpt(int fd);
extern int unlockpt(int fd);
extern char *ptsname(int fd);

static inline WINDOW *ts_stdscr(void) { return stdscr; }
static inline int ts_lines(void) { return LINES; }
static inline int ts_cols(void) { return COLS; }
static inline int ts_colors(void) { return COLORS; }
static inline int ts_color_pairs(void) { return COLOR_PAIRS; }

static inline attr_t ts_a_normal(void) { return A_NORMAL; }
static inline attr_t ts_a_bold(void) { return A_BOLD; }
static inline attr_t ts_a_dim(void) { return A_DIM; }
static inline attr_t ts_a_underline(void) { return A_UNDERLINE; }
static inline attr_t ts_a_reverse(void) { return A_REVERSE; }
static inline attr_t ts_a_italic(void) { return A_ITALIC; }

/// The terminal's current size from the kernel; returns 0 on success.
static inline int ts_window_size(int *rows, int *cols) {
    struct winsize ws;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0) {
        *rows = ws.ws_row;
        *cols = ws.ws_col;
        return 0;
    }
    return -1;
}

static inline int ts_key_code_yes(void) { return KEY_CODE_YES; }
static inline int ts_key_mouse(void) { return KEY_MOUSE; }

/// Asks for button-1 presses and the wheel (ncurses sends the terminal's mouse-mode escape and
/// decodes its reports, SGR 1006 included, into KEY_MOUSE); no click delay.
static inline void ts_mouse_enable(void) {
    mousemask(BUTTON1_PRESSED | BUTTON1_RELEASED | BUTTON4_PRESSED | BUTTON5_PRESSED | REPORT_MOUSE_POSITION, NULL);
    mouseinterval(0);
    // xterm's button-event tracking (1002): motion is reported while a button is held, which is
    // what dragging the split needs. Curses' own mouse string (terminfo XM) asks only for 1000.
    static const char on[] = "\033[?1002h";
    (void)!write(1, on, sizeof on - 1);
}

/// Turns button-event tracking off again (before `endwin`, which turns off the rest).
static inline void ts_mouse_disable(void) {
    static const char off[] = "\033[?1002l";
    (void)!write(1, off, sizeof off - 1);
}

/// The pending mouse report after KEY_MOUSE: kind 1 press, 2 wheel up, 3 wheel down, 4 release,
/// 5 motion with the button held (a drag), 0 other. Returns 0 on success.
static inline int ts_mouse_read(int *x, int *y, int *kind) {
    MEVENT event;
    if (getmouse(&event) != OK) return -1;
    *x = event.x;
    *y = event.y;
    if (event.bstate & BUTTON4_PRESSED) *kind = 2;
    else if (event.bstate & BUTTON5_PRESSED) *kind = 3;
    else if (event.bstate & BUTTON1_PRESSED) *kind = 1;
    else if (event.bstate & BUTTON1_RELEASED) *kind = 4;
    else if (event.bstate & REPORT_MOUSE_POSITION) *kind = 5;
    else *kind = 0;
    return 0;
}

/// Sets the attributes and colour pair used by the next writes to `win`.
static inline int ts_set_style(WINDOW *win, attr_t attrs, int pair) {
    return wattr_set(win, attrs, (short)pair, NULL);
}

// ---- Crash restore -------------------------------------------------------------------------
// A fatal signal (a Swift trap is SIGILL or SIGTRAP) must not leave the user's terminal raw and
// on the alternate screen. The handler only uses async-signal-safe calls: tcsetattr and write
// with bytes prepared in advance, then re-raises the signal with its default action so the
// process still dies (and dumps core) as it would have. Everything lives in this one function
// pair so the saved termios and the handler share one translation unit.
struct ts_saved_terminal { struct termios modes; int valid; };
static inline struct ts_saved_terminal *ts_saved_terminal(void) {
    static struct ts_saved_terminal saved;
    return &saved;
}

static inline void ts_crash_handler(int sig) {
    static const char reset[] = "\033[0m\033[?1002l\033[?1049l\033[?25h\r\n";
    struct ts_saved_terminal *saved = ts_saved_terminal();
    if (saved->valid) { tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved->modes); }
    ssize_t ignored = write(STDOUT_FILENO, reset, sizeof(reset) - 1);
    (void)ignored;
    signal(sig, SIG_DFL);
    raise(sig);
}

/// Saves the current terminal modes (call before initscr) and installs the crash handlers.
static inline void ts_install_crash_restore(void) {
    struct ts_saved_terminal *saved = ts_saved_terminal();
    if (tcgetattr(STDIN_FILENO, &saved->modes) == 0) { saved->valid = 1; }
    int signals[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP };
    for (unsigned i = 0; i < sizeof(signals) / sizeof(signals[0]); i++) {
        struct sigaction action;
        memset(&action, 0, sizeof(action));
        action.sa_handler = ts_crash_handler;
        sigemptyset(&action.sa_mask);
        action.sa_flags = SA_RESETHAND;
        sigaction(signals[i], &action, NULL);
    }
}
#endif
