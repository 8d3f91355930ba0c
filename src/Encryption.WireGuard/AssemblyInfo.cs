using System.Runtime.CompilerServices;
using System.Runtime.Versioning;

// WireGuard on this product means Linux: genetlink, UAPI sockets under /var/run, netns, nftables.
[assembly: SupportedOSPlatform("linux")]
[assembly: InternalsVisibleTo("Encryption.WireGuard.Tests")]
[assembly: InternalsVisibleTo("WireGuard.Bench")]
