"""Deutsche Texte: Hinweise (kurz, gesprochen), Statusleiste, Kamera-Tipps und die Oberfläche."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    # --- Hinweise (gesprochen: kurz, ruhig, eine Anweisung) ---------------------------------
    "cue.fall": "Sturz erkannt. Die Übung ist beendet.",
    "cue.stumble": "Stolpern erkannt. Die Übung ist beendet.",
    "cue.over_rotation_yaw": "Den Kopf weniger drehen. Ein kurzer Blick genügt.",
    "cue.over_rotation_hold": "Wieder nach vorne schauen.",
    "cue.leaving_view": "Am {edge}: anhalten oder umdrehen.",
    "cue.heel_strike": "Mit dem Fußballen aufsetzen.",
    "cue.hunching": "Aufrecht stehen.",
    "cue.looking_down": "Nach vorne schauen, nicht auf die Füße.",
    "cue.no_glance": "Kurz über die Schulter schauen.",
    "cue.goal_reached": "{minutes} Minuten geschafft. Sehr gut!",
    "cue.praise_forefoot": "Gut, weiche Landungen auf dem Fußballen.",
    "cue.praise_glance": "Guter Blick.",
    "edge.left": "linken Bildrand",
    "edge.right": "rechten Bildrand",
    "edge.top": "oberen Bildrand",
    "edge.bottom": "unteren Bildrand",
    # --- Hinweisarten (Einstellungen) --------------------------------------------------------
    "cuekind.fall": "Sturz",
    "cuekind.stumble": "Stolpern",
    "cuekind.over_rotation": "Kopf zu weit oder zu lange gedreht",
    "cuekind.leaving_view": "Verlassen des Kamerabilds",
    "cuekind.heel_strike": "Aufsetzen mit der Ferse",
    "cuekind.hunching": "Gebeugte Haltung (anhaltend)",
    "cuekind.looking_down": "Blick nach unten (anhaltend)",
    "cuekind.no_glance": "Zu lange kein Schulterblick",
    "cuekind.goal_reached": "Tagesziel erreicht",
    "cuekind.praise": "Lob",
    # --- Statusleiste im Video ---------------------------------------------------------------
    "status.starting": "Coach startet...",
    "status.no_person": "niemand im Bild",
    "status.upright": "aufrecht",
    "status.not_upright": "nicht aufrecht",
    "status.posture_unknown": "Haltung: -",
    "status.looking_down": "Blick nach unten",
    "status.glancing": "Schulterblick",
    "status.glance_ago": "Blick vor {seconds} s",
    "status.no_glance_yet": "noch kein Blick",
    "status.last_steps": "letzte Schritte:",
    "status.steps": "Schritte {n}",
    "strike.letter.forefoot": "B",
    "strike.letter.flat": "S",
    "strike.letter.heel": "F",
    "strike.letter.unknown": "?",
    "direction.backward": "rückwärts",
    "direction.forward": "vorwärts",
    "direction.standing": "stehend",
    "direction.turning": "drehend",
    "direction.unknown": "unbekannt",
    # --- Kamera-Tipps ------------------------------------------------------------------------
    "setup.no_person": "Niemand im Bild. Treten Sie ins Bild: der ganze Körper, von Kopf bis Fuß.",
    "setup.body_cut": "Ihr Körper ist nicht im Bild. Kamera verschieben oder ins Bild treten.",
    "setup.head_cut": "Ihr Kopf ist abgeschnitten. Kamera nach oben neigen oder zurücktreten.",
    "setup.feet_cut": (
        "Ihre Füße sind abgeschnitten. Kamera nach unten neigen oder zurücktreten: "
        "für das Aufsetzen braucht der Coach die Füße."
    ),
    "setup.too_far": (
        "Sie sind weit von der Kamera entfernt. Kommen Sie näher oder stellen Sie die Kamera näher."
    ),
    "setup.several_people": "Mehrere Personen im Bild. Der Coach folgt der Person, die geht.",
    "setup.view_frontal": (
        "Die Kamera sieht Sie von vorne: Aufsetzen und Rumpfneigung brauchen eine Seitenansicht."
    ),
    "setup.view_oblique": "Die Kamera sieht Sie schräg: das Aufsetzen braucht eine Seitenansicht.",
    "setup.view_unknown": "Die Kamera sieht Schultern und Hüften nicht deutlich.",
    "setup.face_hidden": "Ihr Gesicht ist verdeckt: Schulterblicke können gerade nicht gemessen werden.",
    # --- Navigation --------------------------------------------------------------------------
    "nav.coach": "Coach",
    "nav.clinic": "Praxis",
    "nav.live": "Live-Coach",
    "nav.analyze": "Video auswerten",
    "nav.sessions": "Meine Übungen",
    # --- Einstellungen -----------------------------------------------------------------------
    "ui.settings.title": "Einstellungen",
    "ui.settings.speak": "Hinweise vorlesen",
    "ui.settings.cues_video": "Hinweise im Video zeigen",
    "ui.settings.status_video": "Statusleiste im Video zeigen",
    "ui.settings.week": "Woche im Übungsprogramm",
    "ui.settings.week_help": "Empfohlene Dauer: {minutes} Minuten.",
    "ui.settings.cues": "Welche Hinweise",
    "ui.settings.cues_help": "Stürze und Stolpern beenden die Übung immer mit einer Warnung.",
    "ui.settings.no_glance": "An Schulterblick erinnern nach (Sekunden)",
    "ui.settings.storage": "Übungen speichern",
    "ui.settings.storage_help": (
        "Übungen (Körperpunkte und Messwerte, kein Video) werden in {folder} gespeichert."
    ),
    "ui.settings.keep_video": "Auch das Kameravideo speichern (nur auf diesem Computer)",
    "ui.settings.home_code": "Heimcode Ihrer Praxis (freiwillig)",
    # --- Startseite --------------------------------------------------------------------------
    "ui.live.title": "Live-Coach: Rückwärtsgehen",
    "ui.start.intro": (
        "Gehen Sie vor der Kamera rückwärts. Der Coach achtet auf Ihre Haltung, Ihre Blicke über die "
        "Schulter und darauf, wie Ihre Füße aufsetzen, und gibt **immer nur einen kurzen Hinweis**."
    ),
    "ui.start.safety_title": "Bevor Sie beginnen",
    "ui.start.safety_1": (
        "Freier, ebener Boden: keine Teppiche, Kabel, Stufen oder Möbel hinter Ihnen, etwa 5 Meter frei."
    ),
    "ui.start.safety_2": "Flache, geschlossene Schuhe. Langsam gehen, in kleinen Schritten.",
    "ui.start.safety_3": (
        "Wenn Ihr Gleichgewicht nicht gut ist: jemand soll in der Nähe sein, oder gehen Sie an einer "
        "Wand oder einem Geländer entlang."
    ),
    "ui.start.safety_4": "Hören Sie sofort auf bei Schmerzen im Knie, Schwindel oder Unsicherheit.",
    "ui.start.safety_5": "Schauen Sie ab und zu über die Schulter: kurz, ohne den Hals weit zu verdrehen.",
    "ui.start.programme": (
        "Heute: **{minutes} Minuten** (Woche {week} des Programms). Beginnen Sie mit 5–10 Minuten und "
        "steigern Sie jede Woche ein wenig, solange sich das Knie gut anfühlt."
    ),
    "ui.start.camera_title": "Kamera:",
    "ui.start.camera": (
        "etwa auf Hüfthöhe, 3 Meter seitlich von Ihnen, so dass der ganze Körper, von Kopf bis Fuß, "
        "auf Ihrem Weg im Bild bleibt. Für das Aufsetzen der Füße braucht es eine Seitenansicht."
    ),
    "ui.start.confirm": "Ich habe die Hinweise gelesen, und der Boden hinter mir ist frei.",
    "ui.start.continue": "Weiter zur Kamera",
    # --- Live --------------------------------------------------------------------------------
    "ui.live.mode": "Kamera",
    "ui.live.mode_browser": "Kamera dieses Browsers",
    "ui.live.mode_local": "Kamera an diesem Computer (ohne WebRTC)",
    "ui.live.mode_demo": "Demo-Kamera (eine Beispielperson)",
    "ui.demo.help": (
        "Keine Kamera nötig: Ein Beispielvideo einer rückwärts gehenden Figur läuft als Kamera in "
        "Schleife, und der Coach arbeitet damit wie mit Ihnen. Demo-Übungen werden nicht gespeichert."
    ),
    "ui.live.browser_help": "START drücken und die Kamera erlauben. Mit STOPP beenden Sie die Übung.",
    "ui.live.press_start": "Drücken Sie START unter dem Video, wenn Sie bereit sind.",
    "ui.live.waiting_camera": "Warte auf die Kamera...",
    "ui.live.loading": "Das Posenmodell wird geladen...",
    "ui.live.engine_error": "Der Coach hatte ein Problem: {error}",
    "ui.live.no_cue": "Gerade kein Hinweis. Weiter so.",
    "ui.live.camera_lost": (
        "**Die Kamera sendet keine Bilder mehr.** Ihre Übung ist bis hierhin gespeichert (unten und "
        "unter Meine Übungen). Prüfen Sie, ob die Kamera angeschlossen und eingeschaltet ist, und "
        "starten Sie dann neu."
    ),
    "ui.live.no_camera": (
        "**Von der Kamera kamen keine Bilder.** Prüfen Sie, ob sie angeschlossen ist und nicht von "
        "einem anderen Programm benutzt wird, und starten Sie dann neu."
    ),
    "ui.live.busy": (
        "**In einem anderen Tab oder Fenster läuft bereits eine Live-Übung.** Es kann immer nur eine "
        "laufen (es gibt eine Kamera). Beenden Sie sie dort oder schließen Sie den Tab: Diese Seite "
        "ist wieder bereit, sobald sie beendet ist."
    ),
    "ui.notice.interrupted": (
        "**Ihre letzte Übung wurde unterbrochen** (die Seite wurde neu geladen oder geschlossen) "
        "**und ist gespeichert**: siehe Meine Übungen. Gespeichert in {folder}"
    ),
    "ui.notice.ok": "Verstanden",
    "ui.live.engine_stats": (
        "Coach: {fps} Bilder/s, {latency} ms · {processed} Bilder ausgewertet, {dropped} übersprungen"
    ),
    "ui.webrtc.start": "START",
    "ui.webrtc.stop": "STOPP",
    "ui.counter.steps": "Schritte",
    "ui.counter.forefoot": "Landung auf dem Ballen",
    "ui.counter.glances_min": "Blicke pro Minute",
    "ui.counter.glances": "Blicke über die Schulter",
    "ui.counter.upright": "Aufrecht",
    "ui.halt.title_fall": "Sturz erkannt: die Übung ist beendet",
    "ui.halt.title_stumble": "Stolpern erkannt: die Übung ist beendet",
    "ui.halt.body": (
        "Bleiben Sie, wo Sie sind, und achten Sie darauf, wie es Ihnen geht. Wenn Sie verletzt sind oder "
        "Ihnen schwindlig ist, rufen Sie Hilfe. Beginnen Sie erst wieder, wenn Sie sich sicher fühlen, "
        "und mit jemandem in der Nähe."
    ),
    "ui.halt.ack": "Mir geht es gut: zurück zum Start",
    "ui.local.source": "Kameranummer (0 ist die erste Kamera)",
    "ui.local.source_help": "Ein Pfad zu einer Videodatei geht auch (sie läuft wie eine Kamera).",
    "ui.local.start": "Kamera starten",
    "ui.local.stop": "Stopp",
    "ui.local.press_start": "Drücken Sie Start, wenn Sie bereit sind. Das Kamerabild erscheint hier.",
    "ui.local.camera_error": "Die Kamera kann nicht verwendet werden: {error}",
    # --- Ergebnisse --------------------------------------------------------------------------
    "ui.result.title": "Ihre Übung",
    "ui.result.empty": "Die Übung endete, bevor der Coach jemanden gesehen hat.",
    "ui.result.kept": "Gespeichert in {folder}",
    "ui.result.clinic_saved": "Für Ihre Praxis gespeichert (Übung {id}).",
    "ui.result.clinic_error": "Konnte nicht für Ihre Praxis gespeichert werden: {error}",
    "ui.result.duration": "Dauer",
    "ui.result.cadence": "Schritte pro Minute",
    "ui.result.falls.one": "{n} Sturz oder Stolpern erkannt.",
    "ui.result.falls.other": "{n} Stürze oder Stolperer erkannt.",
    "ui.result.over_rotations.one": "{n} Blick mit zu weit oder zu lange gedrehtem Kopf.",
    "ui.result.over_rotations.other": "{n} Blicke mit zu weit oder zu lange gedrehtem Kopf.",
    "ui.result.direction": "Gehrichtung: {direction}. Die Übung ist das Rückwärtsgehen.",
    "ui.result.steps_table": "Schritte ({n})",
    "ui.result.downloads": "Herunterladen",
    "ui.result.download_all": "⬇ Alles (ZIP)",
    "ui.plot.plot_trunk_yaw": "Rumpfneigung und Kopfdrehung über die Zeit (Schulterblicke schattiert)",
    "ui.plot.plot_feet": "Höhe von Ferse und Zehen jedes Fußes; Linien markieren das Aufsetzen",
    "ui.plot.plot_strikes": "Wie jeder Schritt aufgesetzt hat",
    # --- Auswerten ---------------------------------------------------------------------------
    "ui.analyze.title": "Video auswerten",
    "ui.analyze.intro": (
        "Laden Sie ein Video vom Rückwärtsgehen hoch (am besten von der Seite). Sie erhalten ein "
        "kommentiertes Video, Diagramme, eine Tabelle aller Schritte und alle Dateien zum Herunterladen."
    ),
    "ui.analyze.upload": "Videodatei (MP4, MOV, M4V, WebM, MKV, AVI; bis {mb} MB)",
    "ui.analyze.advanced": "Mehrere Personen im Video?",
    "ui.analyze.subject": "Auszuwertende Person (-1 = die Person, die geht)",
    "ui.analyze.subject_help": "Personen werden in den ersten Bildern von links nach rechts ab 0 gezählt.",
    "ui.analyze.run": "Auswerten",
    "ui.analyze.starting": "Start...",
    "ui.analyze.progress": "Auswertung: Bild {done} von {total} · {fps} Bilder/s · noch etwa {eta} s",
    "ui.analyze.failed": "Dieses Video kann nicht ausgewertet werden: {error}",
    "ui.analyze.not_video": "**{name} ist keine Videodatei.** Bitte wählen Sie ein Video: {types}.",
    "ui.analyze.done": "Fertig.",
    "ui.analyze.result": "Ergebnis: {name}",
    "ui.analyze.report": "Bericht",
    "ui.jobs.queued": "{name}: in der Warteschlange, wartet auf die Auswertung...",
    "ui.jobs.running": "{name}: wird ausgewertet, {pct} % fertig",
    "ui.jobs.retry": "Versuch {attempt} von {of} (der vorige wurde unterbrochen).",
    "ui.jobs.leave": (
        "Sie können die Seite verlassen oder weitere Videos einreihen: das Ergebnis bleibt erhalten "
        "und erscheint hier, wenn Sie zurückkommen."
    ),
    "ui.jobs.unknown": "Es gibt keine Auswertung Nummer {id}.",
    "ui.jobs.recent": "Ihre letzten Auswertungen",
    "ui.jobs.show": "Anzeigen",
    "ui.jobs.status.queued": "wartet",
    "ui.jobs.status.running": "läuft",
    "ui.jobs.status.done": "fertig",
    "ui.jobs.status.failed": "fehlgeschlagen",
    # --- Übungen -----------------------------------------------------------------------------
    "ui.sessions.title": "Meine Übungen",
    "ui.sessions.none": "Noch keine Übungen gespeichert. Sie erscheinen hier nach einer Live-Übung.",
    "ui.sessions.pick": "Übung",
    "ui.sessions.unreadable": "Diese Übung kann nicht gelesen werden: {error}",
}
