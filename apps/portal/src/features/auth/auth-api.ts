import { useMutation } from '@tanstack/react-query';
import { api, unwrap } from '../../shared/api/client';

export interface LoginInput {
  username: string;
  password: string;
}

export function useLogin() {
  return useMutation({
    mutationFn: (body: LoginInput) =>
      unwrap<{ accessToken: string }>(api.POST('/api/auth/login', { body: body as never })),
  });
}

export interface ChangePasswordInput {
  currentPassword: string;
  newPassword: string;
}

export function useChangePassword() {
  return useMutation({
    mutationFn: (body: ChangePasswordInput) =>
      unwrap<{ accessToken: string; expiresIn: number }>(
        api.POST('/api/me/password', { body: body as never }),
      ),
  });
}
