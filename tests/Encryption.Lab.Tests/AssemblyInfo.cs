using System.Runtime.Versioning;

// The lab and the agent are Linux-only (network namespaces, unix sockets, signals).
[assembly: SupportedOSPlatform("linux")]
