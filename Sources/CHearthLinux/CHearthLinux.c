// accept4 needs _GNU_SOURCE, which must not leak into the module's header (it would change
// system types that other modules, such as Dispatch, also define).
#define _GNU_SOURCE
#include <sys/socket.h>
#include <string.h>
#include "CHearthLinux.h"

int hearth_accept(int listener) {
    return accept4(listener, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
}

int hearth_accept_from(int listener, unsigned char *address, int *length) {
    struct sockaddr_storage peer;
    socklen_t size = sizeof(peer);
    int descriptor = accept4(listener, (struct sockaddr *)&peer, &size, SOCK_NONBLOCK | SOCK_CLOEXEC);
    *length = 0;
    if (descriptor < 0) return descriptor;
    if (peer.ss_family == AF_INET) {
        memcpy(address, &((struct sockaddr_in *)&peer)->sin_addr, 4);
        *length = 4;
    } else if (peer.ss_family == AF_INET6) {
        memcpy(address, &((struct sockaddr_in6 *)&peer)->sin6_addr, 16);
        *length = 16;
    }
    return descriptor;
}
