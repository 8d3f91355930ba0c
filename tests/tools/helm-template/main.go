// helm-template renders a Helm chart the way `helm template` does, for the chart tests on machines without helm
// (Debian packages no helm). It uses the engine helm itself uses: Go text/template with the sprig function map
// (minus env/expandenv), helm's own functions (include, tpl, required, toYaml, fromYaml, toJson, fromJson, lookup),
// missingkey=zero with "<no value>" erased, values coalesced chart < -f files < --set, and typed --set values.
//
// Usage: helm-template template RELEASE CHART_DIR [--namespace NS] [-f FILE]... [--set K=V]... [--set-string K=V]...
//
// Not covered: subcharts, .Files, schema validation, hooks. Templates render in file-name order, not helm's kind
// order; each output document starts with "---\n# Source: CHART/templates/FILE" like helm's.
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"text/template"

	sprig "github.com/Masterminds/sprig/v3"
	yaml "gopkg.in/yaml.v2"
)

func main() {
	out, err := run(os.Args[1:])
	if err != nil {
		fmt.Fprintf(os.Stderr, "Error: %v\n", err)
		os.Exit(1)
	}
	fmt.Print(out)
}

func run(args []string) (string, error) {
	if len(args) < 3 || args[0] != "template" {
		return "", fmt.Errorf("usage: helm-template template RELEASE CHART_DIR [--namespace NS] [-f FILE] [--set K=V] [--set-string K=V]")
	}
	release, chartDir := args[1], args[2]
	namespace := "default"
	var layers []func(map[string]interface{}) error
	for i := 3; i < len(args); i++ {
		flag := args[i]
		if i+1 >= len(args) {
			return "", fmt.Errorf("flag %s needs a value", flag)
		}
		i++
		value := args[i]
		switch flag {
		case "--namespace", "-n":
			namespace = value
		case "-f", "--values":
			file := value
			layers = append(layers, func(v map[string]interface{}) error {
				text, err := os.ReadFile(file)
				if err != nil {
					return err
				}
				user, err := parseValues(text)
				if err != nil {
					return fmt.Errorf("%s: %v", file, err)
				}
				coalesce(v, user)
				return nil
			})
		case "--set":
			expr := value
			layers = append(layers, func(v map[string]interface{}) error { return parseSet(v, expr, true) })
		case "--set-string":
			expr := value
			layers = append(layers, func(v map[string]interface{}) error { return parseSet(v, expr, false) })
		default:
			return "", fmt.Errorf("unknown flag %s", flag)
		}
	}

	chartText, err := os.ReadFile(filepath.Join(chartDir, "Chart.yaml"))
	if err != nil {
		return "", err
	}
	chartMeta, err := parseValues(chartText)
	if err != nil {
		return "", fmt.Errorf("Chart.yaml: %v", err)
	}
	chartName, _ := chartMeta["name"].(string)
	valuesText, err := os.ReadFile(filepath.Join(chartDir, "values.yaml"))
	if err != nil {
		return "", err
	}
	values, err := parseValues(valuesText)
	if err != nil {
		return "", fmt.Errorf("values.yaml: %v", err)
	}
	for _, layer := range layers {
		if err := layer(values); err != nil {
			return "", err
		}
	}

	return render(chartDir, chartName, chartMeta, values, release, namespace)
}

func render(chartDir, chartName string, chartMeta, values map[string]interface{}, release, namespace string) (string, error) {
	templatesDir := filepath.Join(chartDir, "templates")
	var names []string
	sources := map[string]string{}
	err := filepath.Walk(templatesDir, func(path string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(templatesDir, path)
		name := chartName + "/templates/" + filepath.ToSlash(rel)
		text, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		names = append(names, name)
		sources[name] = string(text)
		return nil
	})
	if err != nil {
		return "", err
	}
	sort.Strings(names)

	root := template.New("chart").Option("missingkey=zero")
	funcs := functions(root)
	root.Funcs(funcs)
	for _, name := range names {
		if _, err := root.New(name).Parse(sources[name]); err != nil {
			return "", fmt.Errorf("parse error in %v", err)
		}
	}

	chart := map[string]interface{}{}
	for k, v := range chartMeta {
		chart[strings.ToUpper(k[:1])+k[1:]] = v
	}
	var out strings.Builder
	for _, name := range names {
		base := filepath.Base(name)
		if strings.HasPrefix(base, "_") || base == "NOTES.txt" {
			continue
		}
		top := map[string]interface{}{
			"Values": values,
			"Chart":  chart,
			"Release": map[string]interface{}{
				"Name": release, "Namespace": namespace, "Service": "Helm", "IsInstall": true, "IsUpgrade": false, "Revision": 1,
			},
			"Capabilities": map[string]interface{}{
				"KubeVersion": map[string]interface{}{"Version": "v1.31.0", "Major": "1", "Minor": "31"},
			},
			"Template": map[string]interface{}{"Name": name, "BasePath": chartName + "/templates"},
		}
		var buf bytes.Buffer
		if err := root.ExecuteTemplate(&buf, name, top); err != nil {
			return "", fmt.Errorf("execution error at (%v", strings.TrimPrefix(err.Error(), "template: "))
		}
		text := strings.ReplaceAll(buf.String(), "<no value>", "")
		if strings.TrimSpace(text) == "" {
			continue
		}
		fmt.Fprintf(&out, "---\n# Source: %s\n%s\n", name, strings.TrimRight(text, "\n"))
	}
	return out.String(), nil
}

func functions(root *template.Template) template.FuncMap {
	funcs := sprig.TxtFuncMap()
	delete(funcs, "env")
	delete(funcs, "expandenv")
	funcs["toYaml"] = func(v interface{}) string {
		data, err := yaml.Marshal(v)
		if err != nil {
			return ""
		}
		return strings.TrimSuffix(string(data), "\n")
	}
	funcs["fromYaml"] = func(s string) map[string]interface{} {
		m, err := parseValues([]byte(s))
		if err != nil {
			return map[string]interface{}{"Error": err.Error()}
		}
		return m
	}
	funcs["toJson"] = func(v interface{}) string {
		data, err := json.Marshal(v)
		if err != nil {
			return ""
		}
		return string(data)
	}
	funcs["fromJson"] = func(s string) map[string]interface{} {
		m := map[string]interface{}{}
		if err := json.Unmarshal([]byte(s), &m); err != nil {
			m["Error"] = err.Error()
		}
		return m
	}
	funcs["include"] = func(name string, data interface{}) (string, error) {
		var buf bytes.Buffer
		if err := root.ExecuteTemplate(&buf, name, data); err != nil {
			return "", err
		}
		return buf.String(), nil
	}
	funcs["tpl"] = func(text string, data interface{}) (string, error) {
		t, err := root.Clone()
		if err != nil {
			return "", err
		}
		if _, err := t.New("tpl").Parse(text); err != nil {
			return "", err
		}
		var buf bytes.Buffer
		if err := t.ExecuteTemplate(&buf, "tpl", data); err != nil {
			return "", err
		}
		return strings.ReplaceAll(buf.String(), "<no value>", ""), nil
	}
	funcs["required"] = func(message string, v interface{}) (interface{}, error) {
		if v == nil {
			return nil, fmt.Errorf("%s", message)
		}
		if s, ok := v.(string); ok && s == "" {
			return nil, fmt.Errorf("%s", message)
		}
		return v, nil
	}
	funcs["lookup"] = func(string, string, string, string) (map[string]interface{}, error) {
		return map[string]interface{}{}, nil
	}
	return funcs
}

// parseValues reads YAML into string-keyed maps with numbers as float64, as helm's YAML-through-JSON reading does.
func parseValues(text []byte) (map[string]interface{}, error) {
	var raw interface{}
	if err := yaml.Unmarshal(text, &raw); err != nil {
		return nil, err
	}
	if raw == nil {
		return map[string]interface{}{}, nil
	}
	m, ok := normalize(raw).(map[string]interface{})
	if !ok {
		return nil, fmt.Errorf("the document is not a mapping")
	}
	return m, nil
}

func normalize(v interface{}) interface{} {
	switch t := v.(type) {
	case map[interface{}]interface{}:
		m := make(map[string]interface{}, len(t))
		for k, val := range t {
			m[fmt.Sprint(k)] = normalize(val)
		}
		return m
	case []interface{}:
		for i := range t {
			t[i] = normalize(t[i])
		}
		return t
	case int:
		return float64(t)
	case int64:
		return float64(t)
	case uint64:
		return float64(t)
	default:
		return v
	}
}

// coalesce merges user values over dst: maps merge key by key, anything else replaces, null deletes.
func coalesce(dst, user map[string]interface{}) {
	for k, v := range user {
		if v == nil {
			delete(dst, k)
			continue
		}
		if um, ok := v.(map[string]interface{}); ok {
			if dm, ok := dst[k].(map[string]interface{}); ok {
				coalesce(dm, um)
				continue
			}
		}
		dst[k] = v
	}
}

// parseSet applies one --set expression: comma-separated key=value pairs, dotted keys, name[index] elements,
// {a,b} lists; with typed, true/false become booleans, null removes the key and integers become int64.
func parseSet(values map[string]interface{}, expr string, typed bool) error {
	for _, pair := range splitUnescaped(expr, ',', true) {
		eq := strings.IndexByte(pair, '=')
		if eq < 0 {
			return fmt.Errorf("failed parsing --set data: key %q has no value", pair)
		}
		key, raw := pair[:eq], pair[eq+1:]
		var value interface{}
		if strings.HasPrefix(raw, "{") && strings.HasSuffix(raw, "}") {
			var list []interface{}
			inner := raw[1 : len(raw)-1]
			if inner != "" {
				for _, item := range splitUnescaped(inner, ',', false) {
					list = append(list, typedValue(unescape(item), typed))
				}
			}
			value = list
		} else {
			value = typedValue(unescape(raw), typed)
		}
		if err := setPath(values, splitUnescaped(key, '.', false), value); err != nil {
			return fmt.Errorf("failed parsing --set data %q: %v", pair, err)
		}
	}
	return nil
}

func typedValue(s string, typed bool) interface{} {
	if !typed {
		return s
	}
	switch {
	case strings.EqualFold(s, "true"):
		return true
	case strings.EqualFold(s, "false"):
		return false
	case strings.EqualFold(s, "null"):
		return nil
	}
	if len(s) > 0 && (s[0] != '0' || len(s) == 1) {
		if i, err := strconv.ParseInt(s, 10, 64); err == nil {
			return i
		}
	}
	return s
}

func setPath(m map[string]interface{}, path []string, value interface{}) error {
	segment := unescape(path[0])
	name, index, hasIndex, err := splitIndex(segment)
	if err != nil {
		return err
	}
	last := len(path) == 1
	if !hasIndex {
		if last {
			if value == nil {
				delete(m, name)
			} else {
				m[name] = value
			}
			return nil
		}
		child, ok := m[name].(map[string]interface{})
		if !ok {
			child = map[string]interface{}{}
			m[name] = child
		}
		return setPath(child, path[1:], value)
	}
	list, _ := m[name].([]interface{})
	for len(list) <= index {
		list = append(list, nil)
	}
	if last {
		list[index] = value
	} else {
		child, ok := list[index].(map[string]interface{})
		if !ok {
			child = map[string]interface{}{}
			list[index] = child
		}
		if err := setPath(child, path[1:], value); err != nil {
			return err
		}
	}
	m[name] = list
	return nil
}

func splitIndex(segment string) (string, int, bool, error) {
	open := strings.IndexByte(segment, '[')
	if open < 0 || !strings.HasSuffix(segment, "]") {
		return segment, 0, false, nil
	}
	index, err := strconv.Atoi(segment[open+1 : len(segment)-1])
	if err != nil || index < 0 {
		return "", 0, false, fmt.Errorf("bad list index in %q", segment)
	}
	return segment[:open], index, true, nil
}

// splitUnescaped splits on sep not preceded by a backslash (and, with braces, not inside {...}); escapes are kept.
func splitUnescaped(s string, sep byte, braces bool) []string {
	var parts []string
	depth, start := 0, 0
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '\\':
			i++
		case braces && s[i] == '{':
			depth++
		case braces && s[i] == '}':
			depth--
		case s[i] == sep && depth == 0:
			parts = append(parts, s[start:i])
			start = i + 1
		}
	}
	return append(parts, s[start:])
}

func unescape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
