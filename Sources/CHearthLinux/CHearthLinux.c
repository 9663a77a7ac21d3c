// accept4 needs _GNU_SOURCE, which must not leak into the module's header (it would change
// system types that other modules, such as Dispatch, also define).
#define _GNU_SOURCE
#include <sys/socket.h>
#include "CHearthLinux.h"

int hearth_accept(int listener) {
    return accept4(listener, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
}
