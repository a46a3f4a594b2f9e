; Included by electron-builder's NSIS installer (electron-builder.ts, nsis.include).
;
; tel: links: electron-builder's `protocols` reaches Linux desktop entries,
; macOS and AppX, but its NSIS installer writes nothing for it, so the
; installer registers the console here. It does not take tel: over (a PC
; may have Teams or a softphone for it): it registers a ProgID and declares
; the capability, so Windows lists 热线工作台 under Default apps -> TEL and
; offers it in the "How do you want to open this?" prompt; the agent or IT
; (default-app policy) makes it the default. SHCTX is HKLM here: the
; installer is per machine.

!define HOTLINE_TEL_PROGID "HotlineWorkstation.tel"
!define HOTLINE_CAPABILITIES "Software\hotline-workstation\Capabilities"

!macro customInstall
  WriteRegStr SHCTX "Software\Classes\${HOTLINE_TEL_PROGID}" "" "${PRODUCT_NAME} (tel:)"
  WriteRegStr SHCTX "Software\Classes\${HOTLINE_TEL_PROGID}\DefaultIcon" "" "$INSTDIR\${APP_EXECUTABLE_FILENAME},0"
  ; "%1" is the whole tel: URL; the app reads it from its command line.
  WriteRegStr SHCTX "Software\Classes\${HOTLINE_TEL_PROGID}\shell\open\command" "" '"$INSTDIR\${APP_EXECUTABLE_FILENAME}" "%1"'
  WriteRegStr SHCTX "${HOTLINE_CAPABILITIES}" "ApplicationName" "${PRODUCT_NAME}"
  WriteRegStr SHCTX "${HOTLINE_CAPABILITIES}" "ApplicationDescription" "${PRODUCT_NAME}: hotline and technical-support workstation"
  WriteRegStr SHCTX "${HOTLINE_CAPABILITIES}\URLAssociations" "tel" "${HOTLINE_TEL_PROGID}"
  WriteRegStr SHCTX "Software\RegisteredApplications" "HotlineWorkstation" "${HOTLINE_CAPABILITIES}"
!macroend

!macro customUnInstall
  DeleteRegValue SHCTX "Software\RegisteredApplications" "HotlineWorkstation"
  DeleteRegKey SHCTX "${HOTLINE_CAPABILITIES}"
  DeleteRegKey /ifempty SHCTX "Software\hotline-workstation"
  DeleteRegKey SHCTX "Software\Classes\${HOTLINE_TEL_PROGID}"
!macroend
