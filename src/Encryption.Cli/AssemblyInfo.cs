using System.Runtime.Versioning;

// The lab drives Linux network namespaces, veths and tcpdump: this CLI runs on Linux only.
[assembly: SupportedOSPlatform("linux")]
