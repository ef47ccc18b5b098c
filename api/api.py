from ninja import NinjaAPI

api = NinjaAPI(title="TTCT API", version="1", urls_namespace="api")
