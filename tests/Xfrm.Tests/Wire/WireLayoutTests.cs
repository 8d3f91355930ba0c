using System.Text;
using Xfrm.Tests.Support;
using Xfrm.Wire;

namespace Xfrm.Tests.Wire;

/// <summary>
/// Proves every size and offset constant of the wire structs against &lt;linux/xfrm.h&gt;: a C program using
/// sizeof/offsetof is compiled with gcc and its output compared with the constants. Needs gcc and linux-libc-dev.
/// </summary>
public sealed class WireLayoutTests
{
    private static readonly (string Struct, string? Field, int Value)[] Layout =
    [
        ("xfrm_address_t", null, XfrmAddressWire.Size),
        ("struct xfrm_selector", null, XfrmSelectorWire.Size),
        ("struct xfrm_selector", "daddr", XfrmSelectorWire.DaddrOffset),
        ("struct xfrm_selector", "saddr", XfrmSelectorWire.SaddrOffset),
        ("struct xfrm_selector", "dport", XfrmSelectorWire.DportOffset),
        ("struct xfrm_selector", "dport_mask", XfrmSelectorWire.DportMaskOffset),
        ("struct xfrm_selector", "sport", XfrmSelectorWire.SportOffset),
        ("struct xfrm_selector", "sport_mask", XfrmSelectorWire.SportMaskOffset),
        ("struct xfrm_selector", "family", XfrmSelectorWire.FamilyOffset),
        ("struct xfrm_selector", "prefixlen_d", XfrmSelectorWire.PrefixLenDOffset),
        ("struct xfrm_selector", "prefixlen_s", XfrmSelectorWire.PrefixLenSOffset),
        ("struct xfrm_selector", "proto", XfrmSelectorWire.ProtoOffset),
        ("struct xfrm_selector", "ifindex", XfrmSelectorWire.IfIndexOffset),
        ("struct xfrm_selector", "user", XfrmSelectorWire.UserOffset),
        ("struct xfrm_id", null, XfrmIdWire.Size),
        ("struct xfrm_id", "daddr", XfrmIdWire.DaddrOffset),
        ("struct xfrm_id", "spi", XfrmIdWire.SpiOffset),
        ("struct xfrm_id", "proto", XfrmIdWire.ProtoOffset),
        ("struct xfrm_lifetime_cfg", null, XfrmLifetimeCfgWire.Size),
        ("struct xfrm_lifetime_cfg", "soft_byte_limit", XfrmLifetimeCfgWire.SoftByteLimitOffset),
        ("struct xfrm_lifetime_cfg", "hard_byte_limit", XfrmLifetimeCfgWire.HardByteLimitOffset),
        ("struct xfrm_lifetime_cfg", "soft_packet_limit", XfrmLifetimeCfgWire.SoftPacketLimitOffset),
        ("struct xfrm_lifetime_cfg", "hard_packet_limit", XfrmLifetimeCfgWire.HardPacketLimitOffset),
        ("struct xfrm_lifetime_cfg", "soft_add_expires_seconds", XfrmLifetimeCfgWire.SoftAddExpiresOffset),
        ("struct xfrm_lifetime_cfg", "hard_add_expires_seconds", XfrmLifetimeCfgWire.HardAddExpiresOffset),
        ("struct xfrm_lifetime_cfg", "soft_use_expires_seconds", XfrmLifetimeCfgWire.SoftUseExpiresOffset),
        ("struct xfrm_lifetime_cfg", "hard_use_expires_seconds", XfrmLifetimeCfgWire.HardUseExpiresOffset),
        ("struct xfrm_lifetime_cur", null, XfrmLifetimeCurWire.Size),
        ("struct xfrm_lifetime_cur", "bytes", XfrmLifetimeCurWire.BytesOffset),
        ("struct xfrm_lifetime_cur", "packets", XfrmLifetimeCurWire.PacketsOffset),
        ("struct xfrm_lifetime_cur", "add_time", XfrmLifetimeCurWire.AddTimeOffset),
        ("struct xfrm_lifetime_cur", "use_time", XfrmLifetimeCurWire.UseTimeOffset),
        ("struct xfrm_stats", null, XfrmStatsWire.Size),
        ("struct xfrm_stats", "replay_window", XfrmStatsWire.ReplayWindowOffset),
        ("struct xfrm_stats", "replay", XfrmStatsWire.ReplayOffset),
        ("struct xfrm_stats", "integrity_failed", XfrmStatsWire.IntegrityFailedOffset),
        ("struct xfrm_replay_state", null, XfrmReplayStateWire.Size),
        ("struct xfrm_replay_state", "oseq", XfrmReplayStateWire.OseqOffset),
        ("struct xfrm_replay_state", "seq", XfrmReplayStateWire.SeqOffset),
        ("struct xfrm_replay_state", "bitmap", XfrmReplayStateWire.BitmapOffset),
        ("struct xfrm_replay_state_esn", null, XfrmReplayStateEsnWire.Size),
        ("struct xfrm_replay_state_esn", "bmp_len", XfrmReplayStateEsnWire.BmpLenOffset),
        ("struct xfrm_replay_state_esn", "oseq", XfrmReplayStateEsnWire.OseqOffset),
        ("struct xfrm_replay_state_esn", "seq", XfrmReplayStateEsnWire.SeqOffset),
        ("struct xfrm_replay_state_esn", "oseq_hi", XfrmReplayStateEsnWire.OseqHiOffset),
        ("struct xfrm_replay_state_esn", "seq_hi", XfrmReplayStateEsnWire.SeqHiOffset),
        ("struct xfrm_replay_state_esn", "replay_window", XfrmReplayStateEsnWire.ReplayWindowOffset),
        ("struct xfrm_replay_state_esn", "bmp", XfrmReplayStateEsnWire.BmpOffset),
        ("struct xfrm_algo", null, XfrmAlgoWire.Size),
        ("struct xfrm_algo", "alg_name", XfrmAlgoWire.NameOffset),
        ("struct xfrm_algo", "alg_key_len", XfrmAlgoWire.KeyLenOffset),
        ("struct xfrm_algo", "alg_key", XfrmAlgoWire.KeyOffset),
        ("struct xfrm_algo_auth", null, XfrmAlgoAuthWire.Size),
        ("struct xfrm_algo_auth", "alg_key_len", XfrmAlgoAuthWire.KeyLenOffset),
        ("struct xfrm_algo_auth", "alg_trunc_len", XfrmAlgoAuthWire.TruncLenOffset),
        ("struct xfrm_algo_auth", "alg_key", XfrmAlgoAuthWire.KeyOffset),
        ("struct xfrm_algo_aead", null, XfrmAlgoAeadWire.Size),
        ("struct xfrm_algo_aead", "alg_key_len", XfrmAlgoAeadWire.KeyLenOffset),
        ("struct xfrm_algo_aead", "alg_icv_len", XfrmAlgoAeadWire.IcvLenOffset),
        ("struct xfrm_algo_aead", "alg_key", XfrmAlgoAeadWire.KeyOffset),
        ("struct xfrm_mark", null, XfrmMarkWire.Size),
        ("struct xfrm_mark", "v", XfrmMarkWire.ValueOffset),
        ("struct xfrm_mark", "m", XfrmMarkWire.MaskOffset),
        ("struct xfrm_usersa_info", null, XfrmUserSaInfoWire.Size),
        ("struct xfrm_usersa_info", "sel", XfrmUserSaInfoWire.SelOffset),
        ("struct xfrm_usersa_info", "id", XfrmUserSaInfoWire.IdOffset),
        ("struct xfrm_usersa_info", "saddr", XfrmUserSaInfoWire.SaddrOffset),
        ("struct xfrm_usersa_info", "lft", XfrmUserSaInfoWire.LftOffset),
        ("struct xfrm_usersa_info", "curlft", XfrmUserSaInfoWire.CurLftOffset),
        ("struct xfrm_usersa_info", "stats", XfrmUserSaInfoWire.StatsOffset),
        ("struct xfrm_usersa_info", "seq", XfrmUserSaInfoWire.SeqOffset),
        ("struct xfrm_usersa_info", "reqid", XfrmUserSaInfoWire.ReqIdOffset),
        ("struct xfrm_usersa_info", "family", XfrmUserSaInfoWire.FamilyOffset),
        ("struct xfrm_usersa_info", "mode", XfrmUserSaInfoWire.ModeOffset),
        ("struct xfrm_usersa_info", "replay_window", XfrmUserSaInfoWire.ReplayWindowOffset),
        ("struct xfrm_usersa_info", "flags", XfrmUserSaInfoWire.FlagsOffset),
        ("struct xfrm_usersa_id", null, XfrmUserSaIdWire.Size),
        ("struct xfrm_usersa_id", "daddr", XfrmUserSaIdWire.DaddrOffset),
        ("struct xfrm_usersa_id", "spi", XfrmUserSaIdWire.SpiOffset),
        ("struct xfrm_usersa_id", "family", XfrmUserSaIdWire.FamilyOffset),
        ("struct xfrm_usersa_id", "proto", XfrmUserSaIdWire.ProtoOffset),
        ("struct xfrm_userpolicy_info", null, XfrmUserPolicyInfoWire.Size),
        ("struct xfrm_userpolicy_info", "sel", XfrmUserPolicyInfoWire.SelOffset),
        ("struct xfrm_userpolicy_info", "lft", XfrmUserPolicyInfoWire.LftOffset),
        ("struct xfrm_userpolicy_info", "curlft", XfrmUserPolicyInfoWire.CurLftOffset),
        ("struct xfrm_userpolicy_info", "priority", XfrmUserPolicyInfoWire.PriorityOffset),
        ("struct xfrm_userpolicy_info", "index", XfrmUserPolicyInfoWire.IndexOffset),
        ("struct xfrm_userpolicy_info", "dir", XfrmUserPolicyInfoWire.DirOffset),
        ("struct xfrm_userpolicy_info", "action", XfrmUserPolicyInfoWire.ActionOffset),
        ("struct xfrm_userpolicy_info", "flags", XfrmUserPolicyInfoWire.FlagsOffset),
        ("struct xfrm_userpolicy_info", "share", XfrmUserPolicyInfoWire.ShareOffset),
        ("struct xfrm_userpolicy_id", null, XfrmUserPolicyIdWire.Size),
        ("struct xfrm_userpolicy_id", "sel", XfrmUserPolicyIdWire.SelOffset),
        ("struct xfrm_userpolicy_id", "index", XfrmUserPolicyIdWire.IndexOffset),
        ("struct xfrm_userpolicy_id", "dir", XfrmUserPolicyIdWire.DirOffset),
        ("struct xfrm_user_tmpl", null, XfrmUserTmplWire.Size),
        ("struct xfrm_user_tmpl", "id", XfrmUserTmplWire.IdOffset),
        ("struct xfrm_user_tmpl", "family", XfrmUserTmplWire.FamilyOffset),
        ("struct xfrm_user_tmpl", "saddr", XfrmUserTmplWire.SaddrOffset),
        ("struct xfrm_user_tmpl", "reqid", XfrmUserTmplWire.ReqIdOffset),
        ("struct xfrm_user_tmpl", "mode", XfrmUserTmplWire.ModeOffset),
        ("struct xfrm_user_tmpl", "share", XfrmUserTmplWire.ShareOffset),
        ("struct xfrm_user_tmpl", "optional", XfrmUserTmplWire.OptionalOffset),
        ("struct xfrm_user_tmpl", "aalgos", XfrmUserTmplWire.AalgosOffset),
        ("struct xfrm_user_tmpl", "ealgos", XfrmUserTmplWire.EalgosOffset),
        ("struct xfrm_user_tmpl", "calgos", XfrmUserTmplWire.CalgosOffset),
        ("struct xfrm_usersa_flush", null, XfrmUserSaFlushWire.Size),
        ("struct xfrm_usersa_flush", "proto", XfrmUserSaFlushWire.ProtoOffset),
        ("struct xfrm_address_filter", null, XfrmAddressFilterWire.Size),
        ("struct xfrm_address_filter", "saddr", XfrmAddressFilterWire.SaddrOffset),
        ("struct xfrm_address_filter", "daddr", XfrmAddressFilterWire.DaddrOffset),
        ("struct xfrm_address_filter", "family", XfrmAddressFilterWire.FamilyOffset),
        ("struct xfrm_address_filter", "splen", XfrmAddressFilterWire.SplenOffset),
        ("struct xfrm_address_filter", "dplen", XfrmAddressFilterWire.DplenOffset),
        ("struct xfrm_userpolicy_type", null, XfrmUserPolicyTypeWire.Size),
        ("struct xfrm_userpolicy_type", "type", XfrmUserPolicyTypeWire.TypeOffset),
        ("struct xfrmu_spdinfo", null, XfrmSpdInfoWire.Size),
        ("struct xfrmu_spdinfo", "incnt", XfrmSpdInfoWire.InCountOffset),
        ("struct xfrmu_spdinfo", "outcnt", XfrmSpdInfoWire.OutCountOffset),
        ("struct xfrmu_spdinfo", "fwdcnt", XfrmSpdInfoWire.FwdCountOffset),
        ("struct xfrmu_spdinfo", "inscnt", XfrmSpdInfoWire.InSocketCountOffset),
        ("struct xfrmu_spdinfo", "outscnt", XfrmSpdInfoWire.OutSocketCountOffset),
        ("struct xfrmu_spdinfo", "fwdscnt", XfrmSpdInfoWire.FwdSocketCountOffset),
        ("struct xfrmu_sadhinfo", null, XfrmHashInfoWire.Size),
        ("struct xfrmu_sadhinfo", "sadhcnt", XfrmHashInfoWire.CountOffset),
        ("struct xfrmu_sadhinfo", "sadhmcnt", XfrmHashInfoWire.MaxCountOffset),
    ];

    [Fact]
    public void EveryStructSizeAndFieldOffsetMatchesTheKernelHeader()
    {
        var printed = CompileAndRun();
        var mismatches = new List<string>();
        foreach (var (structName, field, value) in Layout)
        {
            var key = field is null ? $"sizeof {structName}" : $"offsetof {structName} {field}";
            if (!printed.TryGetValue(key, out var actual))
                mismatches.Add($"{key}: not printed by the C check");
            else if (actual != value)
                mismatches.Add($"{key}: header says {actual}, constant says {value}");
        }

        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    [Fact]
    public void AttributeAndMessageNumbersMatchTheKernelHeader()
    {
        (string Name, int Value)[] constants =
        [
            ("XFRMA_ALG_AUTH", XfrmAttributeType.AlgAuth), ("XFRMA_ALG_CRYPT", XfrmAttributeType.AlgCrypt),
            ("XFRMA_TMPL", XfrmAttributeType.Template), ("XFRMA_REPLAY_VAL", XfrmAttributeType.ReplayValue),
            ("XFRMA_SRCADDR", XfrmAttributeType.SourceAddress), ("XFRMA_LASTUSED", XfrmAttributeType.LastUsed),
            ("XFRMA_POLICY_TYPE", XfrmAttributeType.PolicyType), ("XFRMA_ALG_AEAD", XfrmAttributeType.AlgAead),
            ("XFRMA_ALG_AUTH_TRUNC", XfrmAttributeType.AlgAuthTrunc), ("XFRMA_MARK", XfrmAttributeType.Mark),
            ("XFRMA_TFCPAD", XfrmAttributeType.TfcPad), ("XFRMA_REPLAY_ESN_VAL", XfrmAttributeType.ReplayEsnValue),
            ("XFRMA_SA_EXTRA_FLAGS", XfrmAttributeType.SaExtraFlags), ("XFRMA_PROTO", XfrmAttributeType.Proto),
            ("XFRMA_ADDRESS_FILTER", XfrmAttributeType.AddressFilter), ("XFRMA_SET_MARK", XfrmAttributeType.SetMark),
            ("XFRMA_SET_MARK_MASK", XfrmAttributeType.SetMarkMask), ("XFRMA_IF_ID", XfrmAttributeType.InterfaceId),
            ("XFRMA_SAD_CNT", XfrmAttributeType.SadCount), ("XFRMA_SAD_HINFO", XfrmAttributeType.SadHashInfo),
            ("XFRMA_SPD_INFO", XfrmAttributeType.SpdInfo), ("XFRMA_SPD_HINFO", XfrmAttributeType.SpdHashInfo),
            ("XFRM_MSG_NEWSA", XfrmMessageType.NewSa), ("XFRM_MSG_DELSA", XfrmMessageType.DelSa), ("XFRM_MSG_GETSA", XfrmMessageType.GetSa),
            ("XFRM_MSG_NEWPOLICY", XfrmMessageType.NewPolicy), ("XFRM_MSG_DELPOLICY", XfrmMessageType.DelPolicy),
            ("XFRM_MSG_GETPOLICY", XfrmMessageType.GetPolicy), ("XFRM_MSG_UPDPOLICY", XfrmMessageType.UpdPolicy),
            ("XFRM_MSG_UPDSA", XfrmMessageType.UpdSa), ("XFRM_MSG_FLUSHSA", XfrmMessageType.FlushSa),
            ("XFRM_MSG_FLUSHPOLICY", XfrmMessageType.FlushPolicy), ("XFRM_MSG_NEWSADINFO", XfrmMessageType.NewSadInfo),
            ("XFRM_MSG_GETSADINFO", XfrmMessageType.GetSadInfo), ("XFRM_MSG_NEWSPDINFO", XfrmMessageType.NewSpdInfo),
            ("XFRM_MSG_GETSPDINFO", XfrmMessageType.GetSpdInfo),
        ];
        var printed = CompileAndRun(constants.Select(c => c.Name));
        foreach (var (name, value) in constants)
            Assert.Equal((name, printed[$"const {name}"]), (name, value));
    }

    private static Dictionary<string, int> CompileAndRun(IEnumerable<string>? constants = null)
    {
        var source = new StringBuilder();
        source.AppendLine("#include <stdio.h>\n#include <stddef.h>\n#include <linux/xfrm.h>\nint main(void) {");
        foreach (var (structName, field, _) in Layout)
        {
            source.AppendLine(field is null
                ? $"  printf(\"sizeof {structName}=%zu\\n\", sizeof({structName}));"
                : $"  printf(\"offsetof {structName} {field}=%zu\\n\", offsetof({structName}, {field}));");
        }

        foreach (var name in constants ?? [])
            source.AppendLine($"  printf(\"const {name}=%d\\n\", (int){name});");
        source.AppendLine("  return 0;\n}");

        using var directory = new TempDirectory();
        var c = Path.Combine(directory.Path, "layout.c");
        var exe = Path.Combine(directory.Path, "layout");
        File.WriteAllText(c, source.ToString());
        var compile = Processes.Run("gcc", ["-Wall", "-Werror", "-o", exe, c]);
        Assert.True(compile.ExitCode == 0, $"gcc failed (install gcc and linux-libc-dev):\n{compile.Output}");
        var run = Processes.Run(exe, []);
        Assert.Equal(0, run.ExitCode);
        return run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('='))
            .ToDictionary(p => p[0], p => int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture));
    }
}
