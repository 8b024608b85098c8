import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Organisation, organisations } from '@safer-cases/domain';
import { IsIn, IsOptional, IsString, Length, Matches, MaxLength, MinLength, registerDecorator, ValidationArguments } from 'class-validator';
import { isRole, Role, roles, organisationsOfRole } from './actor';
import { maximumPasswordLength, minimumPasswordLength } from './passwords';

export class LoginRequest {
  @ApiProperty({ example: 'admin' }) @IsString() @Length(1, 100) username!: string;
  @ApiProperty() @IsString() @Length(1, maximumPasswordLength) password!: string;

  @ApiPropertyOptional({
    minLength: minimumPasswordLength,
    description: 'A password of your own, replacing `password` as you sign in: required after an administrator reset it (403 password-change-required); allowed at any sign-in',
  })
  @IsOptional()
  @IsString()
  @MinLength(minimumPasswordLength, { message: `newPassword must be at least ${minimumPasswordLength} characters` })
  @MaxLength(maximumPasswordLength)
  newPassword?: string;
}

/** The administrators' account actions (unlock, password reset, disable, enable) take no body: the account is the path's `:id`. */
export class AccountActionRequest {}

/** The organisation must be one a user of the role belongs to, e.g. an rj-coordinator is Victim Support's. */
const FitsRole = () => (target: object, propertyName: string) =>
  registerDecorator({
    name: 'fitsRole',
    target: target.constructor,
    propertyName,
    validator: {
      validate: (value: unknown, args: ValidationArguments) => {
        const { role } = args.object as CreateUserRequest;
        return !isRole(role) || organisationsOfRole[role].some((organisation) => organisation === value);
      },
      defaultMessage: (args: ValidationArguments) => {
        const { role } = args.object as CreateUserRequest;
        return `a ${role} belongs to ${organisationsOfRole[role].join(' or ')}`;
      },
    },
  });

/** What every username is: given at creation (`POST /api/users`), so nothing else can name a user. */
export const usernameShape = /^[a-z0-9][a-z0-9._-]{2,63}$/;

export class CreateUserRequest {
  @ApiProperty({ example: 'j.smith', description: '3 to 64 lower-case letters, digits, dots, dashes or underscores' })
  @IsString()
  @Matches(usernameShape, { message: 'username must be 3 to 64 lower-case letters, digits, dots, dashes or underscores, starting with a letter or digit' })
  username!: string;

  @ApiProperty({ minLength: minimumPasswordLength })
  @IsString()
  @MinLength(minimumPasswordLength, { message: `password must be at least ${minimumPasswordLength} characters` })
  @MaxLength(maximumPasswordLength)
  password!: string;

  @ApiProperty({ enum: roles }) @IsIn(roles as readonly string[]) role!: Role;

  @ApiProperty({ enum: organisations })
  @IsIn(organisations as readonly string[])
  @FitsRole()
  organisation!: Organisation;
}
