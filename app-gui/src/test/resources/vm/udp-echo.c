#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
/* udp-echo PORT: answers every datagram with "pong:" and the datagram. */
int main(int argc, char **argv) {
    int s = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in a = {0};
    a.sin_family = AF_INET; a.sin_port = htons(atoi(argv[1])); a.sin_addr.s_addr = htonl(INADDR_ANY);
    if (bind(s, (struct sockaddr *)&a, sizeof a) < 0) return 1;
    for (;;) {
        char in[512], out[600]; struct sockaddr_in from; socklen_t len = sizeof from;
        ssize_t n = recvfrom(s, in, sizeof in - 1, 0, (struct sockaddr *)&from, &len);
        if (n < 0) continue;
        memcpy(out, "pong:", 5); memcpy(out + 5, in, n);
        sendto(s, out, n + 5, 0, (struct sockaddr *)&from, len);
    }
}
