// Everything lives in the header as static inline functions; this file gives SwiftPM a C target to build.
#include "CHearthLinux.h"
