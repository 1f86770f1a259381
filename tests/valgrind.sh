#!/bin/sh
# The exe_wrapper of the valgrind test setup (meson test --setup valgrind).
# A test program runs under valgrind; a shell-script test runs as it is and
# puts each docdrift it starts under valgrind itself (DD_WRAP), logging to
# files that must stay empty: a script that compares two runs would not see
# an error both runs make. Any error or definite leak fails the test.
vg="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite --show-leak-kinds=definite"
case $1 in
*.sh)
	logs=$(mktemp -d) || exit 99
	DD_WRAP="$vg --log-file=$logs/vg.%p.log" "$@"
	rc=$?
	for f in "$logs"/vg.*.log; do
		if [ -s "$f" ]; then
			cat "$f"
			rc=99
		fi
	done
	rm -rf "$logs"
	exit $rc
	;;
*) exec $vg "$@" ;;
esac
