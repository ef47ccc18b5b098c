from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.utils.translation import gettext as _

from accounts import throttle


def client_address(request) -> str:
    return request.META.get("REMOTE_ADDR", "")


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        username = request.POST.get("username", "")
        if throttle.is_locked(username, client_address(request)):
            form = self.get_form()
            form.errors.clear()
            form.add_error(None, _("Too many failed attempts. Please wait 15 minutes and try again."))
            response = self.render_to_response(self.get_context_data(form=form))
            response.status_code = 429
            return response
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        throttle.register_failure(self.request.POST.get("username", ""), client_address(self.request))
        return super().form_invalid(form)

    def form_valid(self, form):
        throttle.reset(form.get_user().username, client_address(self.request))
        messages.success(self.request, _("Welcome, %(name)s.") % {"name": form.get_user().display_name})
        return super().form_valid(form)


class LogoutView(auth_views.LogoutView):
    pass
