using System.Runtime.Versioning;

// The CLI is Linux-only (unix sockets, file modes, /proc/net/xfrm_stat).
[assembly: SupportedOSPlatform("linux")]
