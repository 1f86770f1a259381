/* gate_internal.h - what the files of src/gate/ share (not for other folders). */
#ifndef DD_GATE_INTERNAL_H
#define DD_GATE_INTERNAL_H

#include "gate.h"

/* 1 when s matches one of globs[0..n) (fnmatch, no flags). */
int dd_gate_glob_any(const char *const *globs, size_t n, const char *s);
/* 1 when class c has an entry of its own in the default severity table
 * (a unit test holds every class of the enum to that). */
int dd_gate_default_listed(dd_class c);

#endif
