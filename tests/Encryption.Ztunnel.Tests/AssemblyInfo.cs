// The ztunnel control plane is Linux-only: SEQPACKET sockets, SCM_RIGHTS, network namespaces.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
