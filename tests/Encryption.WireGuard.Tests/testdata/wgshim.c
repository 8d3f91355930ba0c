/*
 * wgshim: an LD_PRELOAD stand-in for the kernel's "wireguard" generic-netlink family, so the reference tool
 * wg(8) can be observed on a kernel without WireGuard. It answers only the generic-netlink socket wg opens:
 *   - CTRL_CMD_GETFAMILY "wireguard" -> a family with id $WGSHIM_FAMILY (default 0x1b), then an ack;
 *   - WG_CMD_SET_DEVICE              -> an ack; the request bytes are appended to $WGSHIM_LOG as one hex line;
 *   - WG_CMD_GET_DEVICE (dump)       -> the messages in $WGSHIM_DUMP (one hex message per line, sequence
 *                                      number patched in), then NLMSG_DONE.
 * Every other socket is left alone. Written for this project's tests; used by GenetlinkFixtureTests.
 * Build: gcc -shared -fPIC -O1 -o wgshim.so wgshim.c -ldl
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define QUEUE 4096
static int fake_fd = -1;
static unsigned char *queue[QUEUE];
static size_t queue_len[QUEUE];
static int head, tail;

static uint16_t family_id(void)
{
	const char *v = getenv("WGSHIM_FAMILY");
	return v ? (uint16_t)strtoul(v, NULL, 0) : 0x1b;
}

static void push(const void *data, size_t len)
{
	unsigned char *copy = malloc(len);
	memcpy(copy, data, len);
	queue[tail] = copy;
	queue_len[tail] = len;
	tail = (tail + 1) % QUEUE;
}

static void log_hex(const unsigned char *p, size_t len)
{
	const char *path = getenv("WGSHIM_LOG");
	FILE *f;
	if (!path || !(f = fopen(path, "a")))
		return;
	for (size_t i = 0; i < len; i++)
		fprintf(f, "%02x", p[i]);
	fputc('\n', f);
	fclose(f);
}

static void push_ack(const struct nlmsghdr *req)
{
	unsigned char buf[64] = { 0 };
	struct nlmsghdr *h = (struct nlmsghdr *)buf;
	h->nlmsg_len = NLMSG_HDRLEN + sizeof(int) + NLMSG_HDRLEN;
	h->nlmsg_type = NLMSG_ERROR;
	h->nlmsg_flags = NLM_F_CAPPED;
	h->nlmsg_seq = req->nlmsg_seq;
	memcpy(buf + NLMSG_HDRLEN + sizeof(int), req, NLMSG_HDRLEN);
	push(buf, h->nlmsg_len);
}

static void push_family(const struct nlmsghdr *req)
{
	unsigned char buf[64] = { 0 };
	struct nlmsghdr *h = (struct nlmsghdr *)buf;
	struct genlmsghdr *g = (struct genlmsghdr *)(buf + NLMSG_HDRLEN);
	unsigned char *a = buf + NLMSG_HDRLEN + GENL_HDRLEN;
	uint16_t id = family_id();
	g->cmd = CTRL_CMD_NEWFAMILY;
	g->version = 2;
	/* CTRL_ATTR_FAMILY_ID (u16) */
	*(uint16_t *)a = 6; *(uint16_t *)(a + 2) = CTRL_ATTR_FAMILY_ID; memcpy(a + 4, &id, 2); a += 8;
	/* CTRL_ATTR_FAMILY_NAME "wireguard\0" */
	*(uint16_t *)a = 14; *(uint16_t *)(a + 2) = CTRL_ATTR_FAMILY_NAME; memcpy(a + 4, "wireguard", 10); a += 16;
	h->nlmsg_len = a - buf;
	h->nlmsg_type = GENL_ID_CTRL;
	h->nlmsg_seq = req->nlmsg_seq;
	push(buf, h->nlmsg_len);
}

static int unhex(int c)
{
	return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}

static void push_dump(const struct nlmsghdr *req)
{
	const char *path = getenv("WGSHIM_DUMP");
	char line[262144];
	unsigned char msg[131072];
	FILE *f = path ? fopen(path, "r") : NULL;
	while (f && fgets(line, sizeof(line), f)) {
		size_t n = 0;
		for (char *c = line; c[0] && c[1] && c[0] != '\n'; c += 2)
			msg[n++] = (unsigned char)(unhex(c[0]) << 4 | unhex(c[1]));
		if (n < NLMSG_HDRLEN)
			continue;
		((struct nlmsghdr *)msg)->nlmsg_seq = req->nlmsg_seq;
		((struct nlmsghdr *)msg)->nlmsg_flags |= NLM_F_MULTI;
		push(msg, n);
	}
	if (f)
		fclose(f);
	unsigned char done[NLMSG_HDRLEN + sizeof(int)] = { 0 };
	struct nlmsghdr *h = (struct nlmsghdr *)done;
	h->nlmsg_len = sizeof(done);
	h->nlmsg_type = NLMSG_DONE;
	h->nlmsg_flags = NLM_F_MULTI;
	h->nlmsg_seq = req->nlmsg_seq;
	push(done, sizeof(done));
}

int socket(int domain, int type, int protocol)
{
	static int (*real)(int, int, int);
	if (!real)
		real = dlsym(RTLD_NEXT, "socket");
	if (domain == AF_NETLINK && protocol == NETLINK_GENERIC) {
		fake_fd = real(AF_UNIX, SOCK_DGRAM, 0);
		return fake_fd;
	}
	return real(domain, type, protocol);
}

int bind(int fd, const struct sockaddr *addr, socklen_t len)
{
	static int (*real)(int, const struct sockaddr *, socklen_t);
	if (!real)
		real = dlsym(RTLD_NEXT, "bind");
	return fd == fake_fd ? 0 : real(fd, addr, len);
}

int getsockname(int fd, struct sockaddr *addr, socklen_t *len)
{
	static int (*real)(int, struct sockaddr *, socklen_t *);
	if (!real)
		real = dlsym(RTLD_NEXT, "getsockname");
	if (fd != fake_fd)
		return real(fd, addr, len);
	struct sockaddr_nl nl = { .nl_family = AF_NETLINK, .nl_pid = (uint32_t)getpid() };
	memcpy(addr, &nl, *len < sizeof(nl) ? *len : sizeof(nl));
	*len = sizeof(nl);
	return 0;
}

ssize_t sendto(int fd, const void *buf, size_t len, int flags, const struct sockaddr *dest, socklen_t dest_len)
{
	static ssize_t (*real)(int, const void *, size_t, int, const struct sockaddr *, socklen_t);
	if (!real)
		real = dlsym(RTLD_NEXT, "sendto");
	if (fd != fake_fd)
		return real(fd, buf, len, flags, dest, dest_len);
	for (const struct nlmsghdr *h = buf; NLMSG_OK(h, len); h = NLMSG_NEXT(h, len)) {
		const struct genlmsghdr *g = NLMSG_DATA(h);
		if (h->nlmsg_type == GENL_ID_CTRL) {
			push_family(h);
			if (h->nlmsg_flags & NLM_F_ACK)
				push_ack(h);
		} else if (h->nlmsg_type == family_id() && g->cmd == 1) {
			log_hex((const unsigned char *)h, h->nlmsg_len);
			push_ack(h);
		} else if (h->nlmsg_type == family_id() && g->cmd == 0) {
			push_dump(h);
		}
	}
	return (ssize_t)len + 0 * flags;
}

ssize_t recvmsg(int fd, struct msghdr *msg, int flags)
{
	static ssize_t (*real)(int, struct msghdr *, int);
	if (!real)
		real = dlsym(RTLD_NEXT, "recvmsg");
	if (fd != fake_fd)
		return real(fd, msg, flags);
	if (head == tail) {
		errno = EAGAIN;
		return -1;
	}
	size_t n = queue_len[head];
	if (n > msg->msg_iov[0].iov_len)
		n = msg->msg_iov[0].iov_len;
	memcpy(msg->msg_iov[0].iov_base, queue[head], n);
	free(queue[head]);
	head = (head + 1) % QUEUE;
	if (msg->msg_name) {
		struct sockaddr_nl nl = { .nl_family = AF_NETLINK };
		memcpy(msg->msg_name, &nl, sizeof(nl));
		msg->msg_namelen = sizeof(nl);
	}
	msg->msg_flags = 0;
	return (ssize_t)n;
}
