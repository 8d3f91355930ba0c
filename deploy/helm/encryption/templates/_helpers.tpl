{{/* Names and labels shared by every object of the chart. */}}

{{- define "encryption.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "encryption.selectorLabels" -}}
app.kubernetes.io/name: encryption-agent
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "encryption.labels" -}}
{{ include "encryption.selectorLabels" . }}
app.kubernetes.io/part-of: encryption
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end -}}

{{- define "encryption.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- .Values.serviceAccount.name | default (include "encryption.fullname" .) -}}
{{- else -}}
{{- .Values.serviceAccount.name | default "default" -}}
{{- end -}}
{{- end -}}

{{/* The agent reads the ConfigMap as a directory here (ENCRYPTION_CONFIG_DIR). */}}
{{- define "encryption.configDir" -}}/etc/encryption/config{{- end -}}

{{/* The host's boot ID file, mounted outside /proc (container runtimes refuse mounts under /proc/sys). */}}
{{- define "encryption.bootIdFile" -}}/host/proc/sys/kernel/random/boot_id{{- end -}}

{{/* The host's /proc, for finding pods' network namespaces (ztunnel backend); rendered as the agent's procfs. */}}
{{- define "encryption.hostProc" -}}/host/proc{{- end -}}

{{/* Holds bootstrap-private.key, bootstrap-root.crt, ca-private.key and ca-root.crt (scripts/generate-ztunnel-secrets.sh). */}}
{{- define "encryption.ztunnelSecretName" -}}cilium-ztunnel-secrets{{- end -}}

{{/* The ztunnel image: override, else repository:tag, with @digest when useDigest and digest are set (Cilium's rule). */}}
{{- define "encryption.ztunnelImage" -}}
{{- $i := .Values.encryption.ztunnel.image -}}
{{- if $i.override -}}
{{- $i.override -}}
{{- else -}}
{{- $i.repository }}{{ if $i.tag }}:{{ $i.tag }}{{ end }}{{ if and $i.useDigest $i.digest }}@{{ $i.digest }}{{ end -}}
{{- end -}}
{{- end -}}

{{/* Where the ztunnel container reads its trust anchors (XDS_ROOT_CA, CA_ROOT_CA). */}}
{{- define "encryption.ztunnelRootDir" -}}/etc/ztunnel{{- end -}}

{{- define "encryption.ztunnelBootstrapSecretName" -}}{{ include "encryption.fullname" . }}-ztunnel-bootstrap-root{{- end -}}

{{- define "encryption.ztunnelLabels" -}}
app: ztunnel-cilium
app.kubernetes.io/name: ztunnel
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/part-of: encryption
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end -}}
