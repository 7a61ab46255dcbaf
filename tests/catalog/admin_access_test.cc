// Which listener serves AdminService, and which peers it answers, until it
// has authentication: loopback only.
#include <gtest/gtest.h>

#include "server/admin_service.h"
#include "server/server_config.h"

namespace salesmetrics::testing {
namespace {

TEST(AdminAccessTest, LoopbackListenAddresses) {
  EXPECT_TRUE(IsLoopbackAddress("127.0.0.1:50051"));
  EXPECT_TRUE(IsLoopbackAddress("127.1.2.3:0"));
  EXPECT_TRUE(IsLoopbackAddress("[::1]:50051"));
  EXPECT_TRUE(IsLoopbackAddress("unix:/run/salesmetrics/admin.sock"));
  EXPECT_TRUE(IsLoopbackAddress("[::ffff:127.0.0.1]:50051"));
  // Names resolve to whatever DNS or /etc/hosts says: only literals count.
  EXPECT_FALSE(IsLoopbackAddress("localhost:50051"));
  EXPECT_FALSE(IsLoopbackAddress("127.attacker.example:50051"));
  EXPECT_FALSE(IsLoopbackAddress("127.0.0.1.nip.io:50051"));
  EXPECT_FALSE(IsLoopbackAddress("unix:"));
  EXPECT_FALSE(IsLoopbackAddress("127.0.0.1"));  // no port
  EXPECT_FALSE(IsLoopbackAddress("[::1]junk:50051"));
  EXPECT_FALSE(IsLoopbackAddress("127.0.0.1:50051x"));
  EXPECT_FALSE(IsLoopbackAddress("0.0.0.0:50051"));
  EXPECT_FALSE(IsLoopbackAddress("[::]:50051"));
  EXPECT_FALSE(IsLoopbackAddress("10.0.0.7:50051"));
  EXPECT_FALSE(IsLoopbackAddress("128.0.0.1:50051"));
  EXPECT_FALSE(IsLoopbackAddress("localhost.example.com:50051"));
}

TEST(AdminAccessTest, TheAdminServiceListensOnlyOnLoopback) {
  server::ServerConfig config;
  config.set_listen_address("127.0.0.1:50051");
  EXPECT_EQ(AdminListenAddress(config), "127.0.0.1:50051");
  config.set_listen_address("0.0.0.0:50051");
  EXPECT_EQ(AdminListenAddress(config), "");  // off
  config.set_admin_listen_address("127.0.0.1:50052");
  EXPECT_EQ(AdminListenAddress(config), "127.0.0.1:50052");
}

TEST(AdminAccessTest, LoopbackPeers) {
  EXPECT_TRUE(IsLoopbackPeer("ipv4:127.0.0.1:41000"));
  EXPECT_TRUE(IsLoopbackPeer("ipv6:%5B::1%5D:41000"));  // as gRPC 1.51 writes it
  EXPECT_TRUE(IsLoopbackPeer("ipv6:[::1]:41000"));
  EXPECT_TRUE(IsLoopbackPeer("unix:/run/salesmetrics/admin.sock"));
  EXPECT_FALSE(IsLoopbackPeer("ipv4:10.0.0.7:41000"));
  EXPECT_FALSE(IsLoopbackPeer("ipv6:%5B2001:db8::1%5D:41000"));
  EXPECT_FALSE(IsLoopbackPeer("ipv4:128.0.0.1:41000"));
}

}  // namespace
}  // namespace salesmetrics::testing
