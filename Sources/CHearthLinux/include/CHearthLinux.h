// System calls Swift's Glibc overlay does not expose: epoll and eventfd (Linux only).
#ifndef CHEARTHLINUX_H
#define CHEARTHLINUX_H

#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>

// `struct epoll_event` is packed on x86_64, which Swift cannot build directly; these keep it in C.
static inline int hearth_epoll_add(int epoll, int fd, unsigned int events, unsigned long long token) {
    struct epoll_event event;
    event.events = events;
    event.data.u64 = token;
    return epoll_ctl(epoll, EPOLL_CTL_ADD, fd, &event);
}

static inline int hearth_epoll_modify(int epoll, int fd, unsigned int events, unsigned long long token) {
    struct epoll_event event;
    event.events = events;
    event.data.u64 = token;
    return epoll_ctl(epoll, EPOLL_CTL_MOD, fd, &event);
}

/// Waits for up to `capacity` events, writing their tokens and event masks into the two arrays.
static inline int hearth_epoll_wait(int epoll, unsigned long long *tokens, unsigned int *masks, int capacity, int timeout) {
    struct epoll_event events[256];
    if (capacity > 256) capacity = 256;
    int count = epoll_wait(epoll, events, capacity, timeout);
    for (int i = 0; i < count; i++) {
        tokens[i] = events[i].data.u64;
        masks[i] = events[i].events;
    }
    return count;
}

/// accept4 (a GNU extension, so defined in CHearthLinux.c) with the new socket non-blocking and closed on exec.
int hearth_accept(int listener);

/// accept4 that also copies the peer's address (4 bytes for IPv4, 16 for IPv6) into `address` and its length into
/// `length` (0 when the family is neither), for per-client limits kept in memory only.
int hearth_accept_from(int listener, unsigned char *address, int *length);

#include <stdio.h>

/// Line-buffers standard output (Swift 6 cannot touch the `stdout` global directly).
static inline void hearth_line_buffer_stdout(void) {
    setvbuf(stdout, NULL, _IOLBF, 0);
}

static inline void hearth_ignore_sigpipe(void) {
    signal(SIGPIPE, SIG_IGN);
}

#endif
