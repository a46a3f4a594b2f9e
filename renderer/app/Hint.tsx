import { Tooltip } from 'antd';
import { useRef, useState } from 'react';

/**
 * A hover-only tooltip that also closes on click and stays closed until the
 * pointer leaves. An open tooltip is the top overlay that takes the next Esc:
 * without this, the agent who clicked "Edit", typed and saved would find the
 * first Esc closing a forgotten tooltip instead of the drawer. Shortcuts are
 * printed on screen as well, so keyboard users lose nothing.
 */
export function Hint({ title, children }: { title: React.ReactNode; children: React.ReactNode }): React.JSX.Element {
  const [open, setOpen] = useState(false);
  const suppressed = useRef(false);
  return (
    <Tooltip
      title={title}
      trigger="hover"
      mouseEnterDelay={0.4}
      open={open}
      onOpenChange={(next) => {
        if (!next) suppressed.current = false;
        setOpen(next && !suppressed.current);
      }}
    >
      <span
        className="hint-anchor"
        onMouseDownCapture={() => {
          suppressed.current = true;
          setOpen(false);
        }}
      >
        {children}
      </span>
    </Tooltip>
  );
}
