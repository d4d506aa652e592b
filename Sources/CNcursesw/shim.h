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
#include <ncursesw/curses.h>

// glibc hides these without _XOPEN_SOURCE; redeclare so Swift can measure cells as curses does.
extern int wcwidth(wchar_t c);
extern int wcswidth(const wchar_t *s, size_t n);

static inline WINDOW *ts_stdscr(void) { return stdscr; }
static inline int ts_lines(void) { return LINES; }
static inline int ts_cols(void) { return COLS; }
#endif
