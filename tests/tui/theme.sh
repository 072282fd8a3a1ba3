#!/bin/sh
# Themes: NO_COLOR=1 gives the monochrome theme (attributes, no colour
# codes at all); the default theme colours an error cell; --theme light and
# a user's own theme load; a theme with an error is refused with its line
# and the problem, and the default is used.
. "$(dirname "$0")/lib.sh"

cp "$NB_SRCDIR/samples/yunxiu-2023-inconsistent.txt" "$NB_TMP/yunxiu.txt" || exit 99
# Colour SGR parameters: 30-37, 40-47, 90-97, 100-107, 38;5;N, 48;5;N.
colour_re='\[([0-9;]*;)?(3[0-7]|4[0-7]|9[0-7]|10[0-7]|38;5;[0-9]+|48;5;[0-9]+)(;[0-9;]*)?m'

nb_start 160 50 NO_COLOR=1 -- "$NB_TMP/yunxiu.txt"
nb_wait "2 errors, 1 warnings" "opens with NO_COLOR=1"
if nb_screen_attrs | grep -E -q "$colour_re"; then
  nb_fail "NO_COLOR=1: colour codes on screen: $(nb_screen_attrs | grep -E -o "$colour_re" | sort -u | head -5 | tr '\n' ' ')"
else
  nb_pass "NO_COLOR=1: no colour at all"
fi
if nb_screen_attrs | grep -q '\[7m\[ *0\]'; then
  nb_pass "NO_COLOR=1: the selected cell is drawn in reverse"
else
  nb_fail "NO_COLOR=1: the selected cell is not reverse"
fi
if nb_screen_attrs | grep -q '\[1;4m *47 '; then
  nb_pass "NO_COLOR=1: the error cell is bold and underlined"
else
  nb_fail "NO_COLOR=1: the error cell 47 is not bold+underline"
fi
nb_quit

# A terminal without colours gets the monochrome theme too.
nb_start 160 50 TERM=vt100 -- "$NB_TMP/yunxiu.txt"
nb_wait "2 errors, 1 warnings" "opens on a vt100"
# The default theme would draw the error cell white on red and bold (only
# bold without colours); the monochrome theme draws it bold and underlined.
if nb_screen_attrs | grep -q '\[1;4m *47 '; then
  nb_pass "vt100: the monochrome theme (error cell bold and underlined)"
else
  nb_fail "vt100: the error cell is not drawn by the monochrome theme"
fi
nb_quit

nb_start 160 50 -- "$NB_TMP/yunxiu.txt"
nb_wait "2 errors, 1 warnings" "opens with the default theme"
if nb_screen_attrs | grep -E -q '\[([0-9;]*;)?41(;[0-9;]*)?m *47 '; then
  nb_pass "default theme: the error cell 47 has a red background"
else
  nb_fail "default theme: the error cell 47 is not on red"
fi
nb_quit

nb_start 160 50 -- "$NB_TMP/yunxiu.txt" --theme light
nb_wait "2 errors, 1 warnings" "--theme light opens"
nb_wait_gone "Theme not used" "--theme light loads without complaint"
nb_quit

nb_start 160 50 -- "$NB_TMP/yunxiu.txt" --theme high-contrast
nb_wait "2 errors, 1 warnings" "--theme high-contrast opens"
nb_wait_gone "Theme not used" "--theme high-contrast loads without complaint"
nb_quit

# A user's own theme, in $XDG_CONFIG_HOME/nianbao/themes.
mkdir -p "$XDG_CONFIG_HOME/nianbao/themes"
printf '%s\n' '# mine' 'cell-error  black  green  bold' > "$XDG_CONFIG_HOME/nianbao/themes/mine.theme"
nb_start 160 50 -- "$NB_TMP/yunxiu.txt" --theme mine
nb_wait "2 errors, 1 warnings" "--theme mine opens"
if nb_screen_attrs | grep -E -q '\[([0-9;]*;)?42(;[0-9;]*)?m *47 '; then
  nb_pass "the user's theme colours the error cell green"
else
  nb_fail "the user's theme was not applied"
fi
nb_quit

# A broken theme: the message names the line and the problem.
printf '%s\n' '# broken' 'cell-error white red bold' 'cell-warning purple' > "$XDG_CONFIG_HOME/nianbao/themes/broken.theme"
nb_start 160 50 -- "$NB_TMP/yunxiu.txt" --theme broken
nb_wait "line 3" "a broken theme: the message names line 3"
nb_wait "\"purple\" is neither a colour nor an attribute" "and says what is wrong"
nb_wait "Using the default theme" "and that the default is used"
nb_quit

# A folder is not a theme.
nb_start 160 50 -- "$NB_TMP/yunxiu.txt" --theme "$NB_TMP"
nb_wait "is not a file" "--theme FOLDER is refused with a message"
nb_quit

# An unknown theme name, from the config file.
printf '%s\n' 'theme no-such-theme' > "$XDG_CONFIG_HOME/nianbao/config"
nb_start 160 50 -- "$NB_TMP/yunxiu.txt"
nb_wait "no theme named \"no-such-theme\"" "an unknown theme is named"
nb_quit
nb_finish
