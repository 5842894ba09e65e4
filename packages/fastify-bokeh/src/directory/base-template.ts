/**
 * The page Bokeh directory-app templates extend (`{% extends base %}`), in Nunjucks syntax, with the blocks of
 * bokeh's own file template so that templates overriding them keep working: `head`, `inner_head`, `title`,
 * `preamble`, `resources`, `css_resources`, `js_resources`, `postamble`, `body`, `inner_body` and `contents`. Bokeh's
 * per-root `root` block (a Jinja `scoped` block inside a loop) has no Nunjucks equivalent.
 */
export const BASE_TEMPLATE = `<!DOCTYPE html>
<html lang="en">
{% block head %}
<head>
{% block inner_head %}
  <meta charset="utf-8">
  <title>{% block title %}{{ title | e if title else "Bokeh Plot" }}{% endblock %}</title>
{% block preamble %}{% endblock %}
{% block resources %}
  <style>
    html, body {
      box-sizing: border-box;
      display: flow-root;
      height: 100%;
      margin: 0;
      padding: 0;
    }
  </style>
{% block css_resources %}{{ bokeh_css }}{% endblock %}
{% block js_resources %}{{ bokeh_js }}{% endblock %}
{% endblock %}
{% block postamble %}{% endblock %}
{% endblock %}
</head>
{% endblock %}
{% block body %}
<body>
{% block inner_body %}
{% block contents %}
{% for root in roots %}{{ embed(root) }}
{% endfor %}
{% endblock %}
{{ plot_script }}
{% endblock %}
</body>
{% endblock %}
</html>
`;

/** Bokeh's `macros` template, for templates that `{% from macros import embed %}` themselves. */
export const MACROS_TEMPLATE = `{% macro embed(obj) -%}
<div id="{{ obj.elementid }}"{% if obj.id %} data-root-id="{{ obj.id }}"{% endif %} style="display: contents;"></div>
{%- endmacro %}
`;
