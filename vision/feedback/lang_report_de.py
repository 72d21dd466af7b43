"""Deutsche Texte der Berichte (Markdown, PDF), der Diagramme und der Werte in Tabellen."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    # --- Werte in Tabellen -------------------------------------------------------------------
    "value.foot.left": "links",
    "value.foot.right": "rechts",
    "value.side.left": "links",
    "value.side.right": "rechts",
    "value.strike.forefoot": "Vorfuß",
    "value.strike.flat": "ganzer Fuß",
    "value.strike.heel": "Ferse",
    "value.strike.unknown": "unbekannt",
    "value.view.side": "von der Seite",
    "value.view.frontal": "von vorne",
    "value.view.oblique": "schräg",
    "value.view.unknown": "unbekannt",
    "value.yes": "ja",
    "value.no": "nein",
    "value.glances.one": "{n} Schulterblick",
    "value.glances.other": "{n} Schulterblicke",
    "value.steps.one": "{n} Schritt",
    "value.steps.other": "{n} Schritte",
    "value.cues.one": "{n} Hinweis",
    "value.cues.other": "{n} Hinweise",
    "value.forefoot.steps.one": "({n} von {total} Schritt)",
    "value.forefoot.steps.other": "({n} von {total} Schritten)",
    "value.forefoot.steps_unknown.one": "({n} von {total} Schritt; {unknown} unbekannt)",
    "value.forefoot.steps_unknown.other": "({n} von {total} Schritten; {unknown} unbekannt)",
    # --- Messgrößen der Zusammenfassung ------------------------------------------------------
    "metric.minutes": "Gehzeit",
    "metric.steps": "Schritte",
    "metric.cadence_spm": "Kadenz",
    "metric.forefoot_share": "Vorfußaufsatz",
    "metric.flat_share": "Aufsatz mit ganzem Fuß",
    "metric.heel_share": "Fersenaufsatz",
    "metric.upright_share": "Aufrechte Haltung",
    "metric.glances": "Blicke über die Schulter",
    "metric.glances_per_min": "Schulterblicke pro Minute",
    "metric.over_rotations": "Überdrehungen",
    "metric.detection_rate": "Person erkannt in",
    "unit.min": "Min.",
    "unit.steps/min": "Schritte/Min.",
    "unit./min": "/Min.",
    "unit.count": "Anzahl",
    "unit.s": "s",
    # --- PDF-Berichte -----------------------------------------------------------------------
    "pdf.session_title": "RetroWalk Coach - Übungsbericht",
    "pdf.patient_title": "RetroWalk Coach - Verlaufsbericht",
    "pdf.page": "Seite {n}/{total}",
    "pdf.more_rows": "... {n} weitere Zeilen stehen im CSV-Export.",
    "pdf.patient": "Patient/in: {name}",
    "pdf.ref": "(Kennung {ref})",
    "pdf.programme": "Übungsplan: {per_week} Übungen pro Woche zu je mindestens {minutes} Min.",
    "pdf.no_notes": "Keine Notizen.",
    "pdf.col.metric": "Messgröße",
    "pdf.col.value": "Wert",
    "pdf.col.kind": "Art",
    "pdf.col.message": "Hinweis",
    "pdf.col.week_of": "Woche ab",
    "pdf.col.qualifying": "anrechenbare Übungen",
    "pdf.col.minutes": "Minuten",
    "pdf.col.date": "Datum",
    "pdf.col.min": "Min.",
    "pdf.col.cadence": "Kadenz",
    "pdf.col.forefoot": "Vorfuß",
    "pdf.col.upright": "aufrecht",
    "pdf.col.over": "Überdr.",
    "pdf.direction": "Gehrichtung",
    "pdf.view": "Kameraansicht",
    "pdf.session_of": "Übung vom {when}",
    "pdf.details": (
        "Dauer {length} - Quelle {source} - Stand {status} - Modell {model} - Bericht erstellt {made}"
    ),
    "pdf.unknown": "unbekannt",
    "pdf.summary": "Zusammenfassung",
    "pdf.timeline": "Zeitachse",
    "pdf.steps": "Schritte ({n})",
    "pdf.glances": "Blicke über die Schulter ({n})",
    "pdf.cues": "Gegebene Hinweise ({n})",
    "pdf.notes": "Notizen",
    "pdf.period": "Zeitraum {start} bis {end}",
    "pdf.start": "Beginn",
    "pdf.not_measurable": "noch nicht messbar",
    "pdf.totals": (
        "{n} Übungen, insgesamt {minutes} Min. Therapietreue in den letzten {weeks} vollständigen "
        "Wochen: {ratio}; diese Woche {now} anrechenbare Übungen."
    ),
    "pdf.trends": "Verlauf",
    "pdf.sessions": "Übungen",
    "pdf.no_period_notes": "Keine Notizen in diesem Zeitraum.",
    # --- Diagramme der PDF-Berichte ----------------------------------------------------------
    "chart.degrees": "Grad",
    "chart.trunk_lean": "Rumpfneigung nach vorn (°)",
    "chart.head_turn": "Kopfdrehung, zu einer Seite (°)",
    "chart.time_s": "Zeit (s)",
    "chart.glance": "Blick über die Schulter",
    # --- Markdown-Bericht ---------------------------------------------------------------
    "report.title": "# RetroWalk-Coach-Bericht: {name}",
    "report.advice": "Tipps",
    "report.numbers": "Zahlen",
    "report.not_measurable": "In diesem Video nicht messbar",
    "report.plots": "Diagramme",
    "report.files": "Dateien",
    "report.model": "_Modell: {model}; RetroWalk Coach {version}._",
    "report.row.direction": "Gehrichtung",
    "report.row.duration": "Dauer",
    "report.row.backward": "Zeit im Rückwärtsgehen",
    "report.row.steps": "Schritte",
    "report.row.cadence": "Kadenz",
    "report.row.strikes": "Fußaufsatz",
    "report.row.upright": "Zeit in aufrechter Haltung",
    "report.row.glances": "Blicke über die Schulter pro Minute",
    "report.row.glances_n": "Blicke über die Schulter",
    "report.console": (
        "{direction}, {steps}, Kadenz {cadence}, Vorfuß {forefoot}, aufrecht {upright}, "
        "{glances} ({over} überdreht)"
    ),
    "report.row.over": "Überdrehungen",
    "report.row.view": "Kameraansicht",
    "report.row.found": "Person erkannt in",
    "report.strikes.shares": "{shares} der {n} eingeordneten Schritte",
    "report.strikes.unknown": "; {unknown} nicht eingeordnet",
    "report.strikes.none": "kein Schritt eingeordnet ({unknown} nicht eingeordnet)",
    "report.advice.fall": (
        "{kind} bei {time} s erkannt. Bitte hören Sie auf, ruhen Sie sich aus und üben Sie nur mit "
        "jemandem in der Nähe, bis Sie sich wieder sicher fühlen."
    ),
    "report.advice.forward": (
        "Sie sind in diesem Video vorwärts gegangen. Die Übung ist das *Rückwärtsgehen*, mit dem "
        "Vorfußaufsatz zuerst."
    ),
    "report.advice.heel": (
        "{pct} Ihrer Schritte landeten zuerst auf der Ferse. Setzen Sie zuerst den Fußballen auf und "
        "lassen Sie die Ferse danach absinken: das schont das Knie."
    ),
    "report.advice.forefoot": ("Guter Aufsatz: {pct} Ihrer Schritte setzten zuerst mit dem Fußballen auf."),
    "report.advice.upright": (
        "Sie waren {pct} der Zeit aufrecht. Richten Sie sich auf, Brust heraus, und schauen Sie nach "
        "vorne, nicht auf die Füße."
    ),
    "report.advice.glance": (
        "Schauen Sie ab und zu über die Schulter (alle 10–20 s), um Ihren Weg zu prüfen."
    ),
    "report.advice.over_rotation.one": (
        "{n} Blick drehte den Hals zu weit oder zu lange: ein kurzer Blick genügt; drehen Sie die "
        "Schultern ein wenig mit."
    ),
    "report.advice.over_rotation.other": (
        "{n} Blicke drehten den Hals zu weit oder zu lange: ein kurzer Blick genügt; drehen Sie die "
        "Schultern ein wenig mit."
    ),
    "report.advice.nice": (
        "Schöne Übung: aufrechte Haltung, sichere Schulterblicke und weiche Landungen. Steigern Sie "
        "sich weiter langsam."
    ),
    "report.nm.trunk_lean_deg": "Rumpfneigung",
    "report.nm.lateral_lean_deg": "Seitneigung",
    "report.nm.head_flexion_deg": "Kopf nach unten geneigt",
    "report.nm.head_yaw_deg": "Kopfdrehung",
    "report.nm.strike": "Fußaufsatz",
    "report.nm.knee_flexion_deg": "Kniebeugung",
    "report.nm.pelvis_sway_frac": "Beckenschwankung",
    "report.nm.steps": "Schritte",
    "report.reason.side_view": "braucht eine Kamera seitlich von Ihnen",
    "report.reason.front_view": "braucht eine Kamera vor Ihnen",
    "report.reason.no_view": "die Kamera hat Schultern und Hüften nicht gut genug gesehen",
    "report.reason.no_steps_frontal": "keine Schritte: dafür muss die Kamera seitlich oder schräg stehen",
    "report.reason.no_steps": "keine Schritte erkannt (im Stehen, oder die Beine waren nicht zu sehen)",
    # --- Diagramme einer Analyse -----------------------------------------------------------
    "plot.time_s": "Zeit (Sekunden)",
    "plot.glance": "Blick über die Schulter",
    "plot.trunk_yaw.title": "Aufrechte Haltung und Blicke über die Schulter",
    "plot.trunk_yaw.lean": "Rumpfneigung",
    "plot.trunk_yaw.band": "aufrecht (innerhalb {deg}°)",
    "plot.trunk_yaw.turn": "Kopfdrehung",
    "plot.feet.title": "Ferse und Zehen jedes Fußes; gestrichelt: Aufsetzen",
    "plot.feet.heel": "Ferse",
    "plot.feet.toe": "Zehen",
    "plot.feet.landing": "Aufsatz: {strike}",
    "plot.feet.height_left": "linker Fuß: Höhe\n(relativ, Bildpunkte)",
    "plot.feet.height_right": "rechter Fuß: Höhe\n(relativ, Bildpunkte)",
    "plot.strikes.title": "Wie jeder Schritt aufsetzte",
    "plot.strikes.steps": "Schritte",
    # --- die Schritttabelle im Coach (Spalten von steps.csv) ----------------------------
    "steps.col.step": "Schritt",
    "steps.col.foot": "Fuß",
    "steps.col.contact_frame": "Bild des Aufsetzens",
    "steps.col.contact_time_s": "Aufsetzen (s)",
    "steps.col.liftoff_frame": "Bild des Abhebens",
    "steps.col.liftoff_time_s": "Abheben (s)",
    "steps.col.stance_time_s": "am Boden (s)",
    "steps.col.strike": "Aufsatz",
    "steps.col.direction": "Richtung",
    "steps.col.confidence": "Sicherheit",
    "steps.col.foot_angle_deg": "Fußwinkel (°)",
    "steps.col.knee_flexion_contact_deg": "Kniebeugung beim Aufsetzen (°)",
    "steps.col.knee_flexion_peak_deg": "größte Kniebeugung (°)",
    "ui.result.strikes": "Fußaufsatz: {text}.",
    "ui.result.cadence_value": "{n} Schritte/Min.",
    "plot.trunk_yaw.lean_axis": "Rumpfneigung (Grad)",
    "plot.trunk_yaw.turn_axis": "Kopfdrehung (Grad)",
    "plot.trunk_yaw.lean_up": "↑ nach vorn geneigt",
    "plot.trunk_yaw.turn_up": "↑ nach links gedreht",
    "plot.trunk_yaw.turn_down": "↓ nach rechts gedreht",
}
