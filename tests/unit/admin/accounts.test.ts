import { describe, expect, it } from 'vitest';
import { AccountUpdateSchema, lastAdminProblem, newPasswordProblem, TEMP_PASSWORD_LENGTH, temporaryPasswordFrom } from '../../../shared/admin/accounts.js';

describe('password rules (issue 16 point 1)', () => {
  it('refuses a new password equal to the old one or to the username (any case)', () => {
    expect(newPasswordProblem('wang.w', 'old-pass-1', 'old-pass-1')?.code).toBe('password_unchanged');
    expect(newPasswordProblem('wang.w', 'old-pass-1', 'WANG.W')?.code).toBe('password_is_username');
    expect(newPasswordProblem('wang.w', 'old-pass-1', 'new-pass-2')).toBeNull();
  });

  it('makes temporary passwords of unambiguous characters, all of them used', () => {
    const bytes = Uint8Array.from({ length: TEMP_PASSWORD_LENGTH }, (_, i) => i * 21);
    const p = temporaryPasswordFrom(bytes);
    expect(p).toHaveLength(TEMP_PASSWORD_LENGTH);
    expect(p).not.toMatch(/[01OlI]/);
    expect(temporaryPasswordFrom(new Uint8Array(TEMP_PASSWORD_LENGTH).fill(0))).toBe('A'.repeat(TEMP_PASSWORD_LENGTH));
    expect(() => temporaryPasswordFrom(new Uint8Array(4))).toThrow();
  });
});

describe('role rules', () => {
  it('never lets the last enabled admin take another role', () => {
    expect(lastAdminProblem({ role: 'admin', disabled: false }, 'supervisor', 1)).toMatch(/last enabled admin/);
    expect(lastAdminProblem({ role: 'admin', disabled: false }, 'supervisor', 2)).toBeNull();
    expect(lastAdminProblem({ role: 'admin', disabled: false }, 'admin', 1)).toBeNull();
    // a disabled admin is not the one keeping the PC administrable
    expect(lastAdminProblem({ role: 'admin', disabled: true }, 'agent', 1)).toBeNull();
    expect(lastAdminProblem({ role: 'agent', disabled: false }, 'supervisor', 0)).toBeNull();
  });

  it('asks for something to change', () => {
    expect(AccountUpdateSchema.safeParse({ username: 'li' }).success).toBe(false);
    expect(AccountUpdateSchema.safeParse({ username: 'li', team: null }).success).toBe(true);
    expect(AccountUpdateSchema.safeParse({ username: 'li', role: 'boss' }).success).toBe(false);
  });
});
