{#- State documents with a tên loại: NĐ 30/2020, Phụ lục III, Mẫu 1.1 (nghị quyết),
    1.2 (quyết định), 1.4 (chỉ thị, kế hoạch, thông báo, báo cáo, tờ trình, …), 1.7 (giấy
    mời), 1.9 (biên bản). The kind (templates/kinds.toml) decides the name, the code and
    whether the header has a place and date. -#}
{% import "_common.vb" as c %}
::profile {{ profile }}
::meta-title {{ kind.name }} {{ subject }}
::meta-author {{ issuer.name | join(" ") }}
::meta-date {{ date.iso or "" }}
{% for line in issuer.parent %}
::parent {{ line | upper }}
{% endfor %}
{% for line in issuer.name %}
::issuer {{ line | upper }}
{% endfor %}
::national CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
::motto Độc lập - Tự do - Hạnh phúc
::number Số: {{ number or blank(6) }}/{{ symbol }}
{% if secrecy %}
::secrecy.{{ secrecy.width_mm }}mm {{ secrecy.text }}
{% endif %}
{% if urgency %}
::urgency.{{ urgency.width_mm }}mm {{ urgency.text }}
{% endif %}
{% if kind.place_date %}
::place-date {{ place }}, {{ date | date_vn }}
{% endif %}
{% if draft_mark %}
::draft-mark DỰ THẢO
{% endif %}
::kind-name {{ kind.name }}
{% if title_line %}
::title-line {{ title_line }}
{% endif %}
::title {{ subject }}
{% if authority_line %}
::authority-line {{ authority_line }}
{% endif %}
{{ c.bases(bases) }}
{%- if kind.decides %}
::decides {{ kind.decides }}
{% endif %}
{{ c.recipients(recipients) }}
{{- c.blocks(body) }}
{{- c.articles(articles) }}
{{- c.signatures(signatures) }}
::dist-label Nơi nhận:
{% for d in distribution %}
::dist - {{ d.text }};{{ " " ~ d.suffix if d.suffix }}
{% endfor %}
::dist - Lưu: {{ archive }}.
{% if drafter_mark %}
::drafter {{ drafter_mark }}
{% endif %}
{{ c.appendices(appendices) }}
