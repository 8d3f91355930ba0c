using System.Runtime.Versioning;

// Host-tier tests: Linux only (netns, wireguard-go, nftables).
[assembly: SupportedOSPlatform("linux")]
